using System.Collections.Generic;

namespace NetGen.Reporting;

/// <summary>One row of a <see cref="TrainingReport"/>: the losses, error rates and time of one epoch.</summary>
/// <remarks>
/// Error rates are fractions in [0, 1] (a report shows them as percentages). A value that was not measured or that
/// diverged may be <see cref="double.NaN"/> or infinite: the epoch table shows it as it is and the charts leave the
/// point out (and say so).
/// </remarks>
/// <param name="Epoch">The epoch number, counted from 1.</param>
/// <param name="TrainLoss">The mean per-row loss on the training set.</param>
/// <param name="TrainError">The error rate on the training set, a fraction.</param>
/// <param name="TestLoss">The mean per-row loss on the test set.</param>
/// <param name="TestError">The error rate on the test set, a fraction.</param>
/// <param name="Seconds">The wall-clock time of the epoch in seconds.</param>
public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainError, double TestLoss, double TestError, double Seconds)
{
    /// <summary>
    /// Optionally, one gradient norm per layer of the network (input to output), e.g. from
    /// <see cref="GradientNorms.PerLayer(NetGen.Specification.NetworkSpec, System.ReadOnlySpan{float})"/>;
    /// <see langword="null"/> when the trainer did not measure them. A report draws a per-layer chart when any epoch has them.
    /// </summary>
    public IReadOnlyList<double>? GradientNorms { get; init; }
}
