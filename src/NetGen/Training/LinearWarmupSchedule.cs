using System;

namespace NetGen.Training;

/// <summary>
/// Linear warm-up, torch's <c>LinearLR(start_factor, end_factor, total_iters)</c>:
/// <c>initial * (startFactor + (endFactor - startFactor) min(step, steps) / steps)</c>, from
/// <c>initial * startFactor</c> at step 0 to <c>initial * endFactor</c> from step <c>steps</c> on.
/// </summary>
/// <remarks>To warm up into another schedule, switch at the end: <c>step &lt; 5 ? warmup.At(step) : cosine.At(step - 5)</c>.</remarks>
public sealed class LinearWarmupSchedule : LearningRateSchedule
{
    /// <summary>Checks and keeps the settings.</summary>
    /// <param name="initial">The base rate.</param>
    /// <param name="steps">The steps the ramp takes (torch's <c>total_iters</c>, default 5); 1 or more.</param>
    /// <param name="startFactor">The fraction of <paramref name="initial"/> at step 0 (torch's default 1/3), in (0, 1].</param>
    /// <param name="endFactor">The fraction at the end of the ramp (default 1), in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range (torch's own limits).</exception>
    public LinearWarmupSchedule(double initial, int steps = 5, double startFactor = 1.0 / 3, double endFactor = 1)
        : base(initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!(startFactor > 0 && startFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(startFactor), startFactor, "The start factor must be in (0, 1].");
        if (!(endFactor >= 0 && endFactor <= 1))
            throw new ArgumentOutOfRangeException(nameof(endFactor), endFactor, "The end factor must be in [0, 1].");
        Steps = steps;
        StartFactor = startFactor;
        EndFactor = endFactor;
    }

    /// <summary>The steps the ramp takes.</summary>
    public int Steps { get; }

    /// <summary>The fraction of the base rate at step 0.</summary>
    public double StartFactor { get; }

    /// <summary>The fraction of the base rate from step <see cref="Steps"/> on.</summary>
    public double EndFactor { get; }

    /// <inheritdoc />
    protected override double RateAt(int step) => Initial * (StartFactor + (EndFactor - StartFactor) * Math.Min(step, Steps) / Steps);
}
