using System;

namespace NetGen.Training;

/// <summary>
/// Cosine annealing, torch's <c>CosineAnnealingLR(T_max, eta_min)</c> in its closed form:
/// <c>minimum + (initial - minimum) (1 + cos(pi step / period)) / 2</c>, from <c>initial</c> at step 0 down to
/// <c>minimum</c> at step <c>period</c> (and, like torch's, back up after it).
/// </summary>
public sealed class CosineSchedule : LearningRateSchedule
{
    /// <summary>Checks and keeps the settings.</summary>
    /// <param name="initial">The rate at step 0.</param>
    /// <param name="period">The step at which the rate reaches <paramref name="minimum"/> (torch's <c>T_max</c>); 1 or more.</param>
    /// <param name="minimum">The lowest rate (torch's <c>eta_min</c>), default 0; finite, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public CosineSchedule(double initial, int period, double minimum = 0)
        : base(initial)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        if (!(minimum >= 0) || double.IsPositiveInfinity(minimum))
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum learning rate must be finite and not negative.");
        Period = period;
        Minimum = minimum;
    }

    /// <summary>The step at which the rate reaches <see cref="Minimum"/>.</summary>
    public int Period { get; }

    /// <summary>The lowest rate.</summary>
    public double Minimum { get; }

    /// <inheritdoc />
    protected override double RateAt(int step) => Minimum + (Initial - Minimum) * (1 + Math.Cos(Math.PI * step / Period)) / 2;
}
