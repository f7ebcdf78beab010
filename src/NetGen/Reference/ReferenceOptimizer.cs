using System;

namespace NetGen.Reference;

/// <summary>
/// An optimizer of the reference interpreter: plain double-precision loops written as <c>torch.optim</c>'s update
/// equations (PyTorch 1.13, <c>foreach=False</c>), one <see cref="Step"/> per call of torch's <c>optimizer.step()</c>.
/// It is the truth the generated optimizers are checked against, and is itself checked against trajectories that
/// torch wrote (the fixtures in <c>tests/NetGen.Tests/Training/Fixtures</c>).
/// </summary>
/// <remarks>
/// Every hyperparameter is checked by the constructor (an out-of-range value throws before any state exists), and
/// <see cref="Step"/> checks the lengths before it writes anything. The state buffers (momentum, Adam's moments) are
/// laid out like the parameters and allocated once.
/// </remarks>
public abstract class ReferenceOptimizer
{
    /// <summary>Allocates nothing but remembers the parameter count.</summary>
    /// <param name="parameterCount">The length of the parameter and gradient vectors; 1 or more.</param>
    protected ReferenceOptimizer(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameterCount, 1);
        ParameterCount = parameterCount;
    }

    /// <summary>The length of the parameter and gradient vectors.</summary>
    public int ParameterCount { get; }

    /// <summary>The steps taken so far (torch's <c>state['step']</c>).</summary>
    public int Steps { get; private set; }

    /// <summary>The learning rate of the next step; a schedule may change it between steps (torch's <c>param_group['lr']</c>).</summary>
    public double LearningRate
    {
        get => _learningRate;
        set
        {
            CheckNonNegative(value, nameof(LearningRate));
            _learningRate = value;
        }
    }

    private double _learningRate;

    /// <summary>One update of <paramref name="parameters"/> in place from <paramref name="gradients"/>.</summary>
    /// <param name="parameters">The parameters, <see cref="ParameterCount"/> of them.</param>
    /// <param name="gradients">Their gradients, <see cref="ParameterCount"/> of them.</param>
    /// <exception cref="ArgumentException">A length is not <see cref="ParameterCount"/>.</exception>
    public void Step(Span<double> parameters, ReadOnlySpan<double> gradients)
    {
        if (parameters.Length != ParameterCount)
            throw new ArgumentException($"'parameters' has {parameters.Length} elements; expected ParameterCount ({ParameterCount}).", nameof(parameters));
        if (gradients.Length != ParameterCount)
            throw new ArgumentException($"'gradients' has {gradients.Length} elements; expected ParameterCount ({ParameterCount}).", nameof(gradients));
        Steps++;
        Update(parameters, gradients, Steps);
    }

    /// <summary>The update itself, after the checks.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="gradients">The gradients.</param>
    /// <param name="step">The 1-based number of this step.</param>
    protected abstract void Update(Span<double> parameters, ReadOnlySpan<double> gradients, int step);

    /// <summary>Throws unless <paramref name="value"/> is finite and not negative.</summary>
    /// <param name="value">The hyperparameter.</param>
    /// <param name="name">Its name, for the message.</param>
    protected static void CheckNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and not negative.");
    }

    /// <summary>Throws unless <paramref name="value"/> is in <c>[0, 1)</c>.</summary>
    /// <param name="value">The hyperparameter.</param>
    /// <param name="name">Its name, for the message.</param>
    protected static void CheckUnitInterval(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1).");
    }
}
