using System;

namespace NetGen.Training;

/// <summary>
/// Step decay, torch's <c>StepLR(step_size, gamma)</c>: <c>initial * gamma^floor(step / stepSize)</c>, the rate
/// multiplied by <c>gamma</c> every <c>stepSize</c> steps.
/// </summary>
public sealed class StepSchedule : LearningRateSchedule
{
    /// <summary>Checks and keeps the settings.</summary>
    /// <param name="initial">The rate of the first <paramref name="stepSize"/> steps.</param>
    /// <param name="stepSize">Steps between decays; 1 or more.</param>
    /// <param name="gamma">The factor at each decay, torch's default 0.1; finite, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public StepSchedule(double initial, int stepSize, double gamma = 0.1)
        : base(initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stepSize, 1);
        if (!(gamma >= 0) || double.IsPositiveInfinity(gamma))
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be finite and not negative.");
        StepSize = stepSize;
        Gamma = gamma;
    }

    /// <summary>Steps between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc />
    protected override double RateAt(int step) => Initial * Math.Pow(Gamma, step / StepSize);
}
