using System;

namespace NetGen.Training;

/// <summary>
/// A learning rate as a function of the step (or epoch) number, counted from 0: what to pass as <c>learningRate</c> to
/// <c>TrainEpoch</c> or <c>TrainBatch</c>, or to set on an optimizer, before each step. Each schedule is the closed form
/// of its <c>torch.optim.lr_scheduler</c> namesake, and a test checks it against the rates torch itself produces.
/// </summary>
/// <example>
/// <code>
/// var schedule = new CosineSchedule(initial: 0.2, period: 20);
/// for (int epoch = 0; epoch &lt; 20; epoch++)
///     network.TrainEpoch(images, labels, count, (float)schedule.At(epoch), batchSize: 100);
/// </code>
/// </example>
public abstract class LearningRateSchedule
{
    /// <summary>Checks the rate every schedule starts from.</summary>
    /// <param name="initial">The base learning rate (torch's initial <c>lr</c>); finite, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is negative, NaN or infinite.</exception>
    protected LearningRateSchedule(double initial)
    {
        if (!(initial >= 0) || double.IsPositiveInfinity(initial))
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "The initial learning rate must be finite and not negative.");
        Initial = initial;
    }

    /// <summary>The base learning rate.</summary>
    public double Initial { get; }

    /// <summary>The learning rate of step <paramref name="step"/>.</summary>
    /// <param name="step">The step or epoch, from 0.</param>
    /// <returns>The rate.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is negative.</exception>
    public double At(int step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        return RateAt(step);
    }

    /// <summary>The rate at a step already checked.</summary>
    /// <param name="step">The step, 0 or more.</param>
    /// <returns>The rate.</returns>
    protected abstract double RateAt(int step);
}
