using System;

namespace NetGen.Reference;

/// <summary>
/// <c>torch.optim.SGD(params, lr, momentum, dampening, weight_decay, nesterov)</c>, step by step as torch 1.13 computes it:
/// <code>
/// g = grad + weight_decay * p                         (when weight_decay != 0)
/// b = g                                               (first step, when momentum != 0)
/// b = momentum * b + (1 - dampening) * g              (later steps)
/// g = g + momentum * b   (nesterov)   or   g = b      (otherwise; g unchanged when momentum == 0)
/// p = p - lr * g
/// </code>
/// With momentum 0 it is plain SGD, <c>p -= lr * grad</c>, what every generated network does.
/// </summary>
public sealed class ReferenceSgd : ReferenceOptimizer
{
    private readonly double[]? _momentumBuffer;

    /// <summary>Checks the hyperparameters and allocates the momentum buffer if there is momentum.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="learningRate">torch's <c>lr</c>; finite, not negative.</param>
    /// <param name="momentum">torch's <c>momentum</c>, in [0, 1) (torch accepts any non-negative value; NetGen keeps it below 1).</param>
    /// <param name="dampening">torch's <c>dampening</c>, in [0, 1); must be 0 with Nesterov momentum.</param>
    /// <param name="nesterov">Nesterov momentum; needs <paramref name="momentum"/> above 0 and no dampening, as in torch.</param>
    /// <param name="weightDecay">torch's <c>weight_decay</c> (L2, added to the gradient); finite, not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of its range.</exception>
    /// <exception cref="ArgumentException">Nesterov momentum without momentum or with dampening.</exception>
    public ReferenceSgd(int parameterCount, double learningRate, double momentum = 0, double dampening = 0, bool nesterov = false, double weightDecay = 0)
        : base(parameterCount)
    {
        LearningRate = learningRate;
        CheckUnitInterval(momentum, nameof(momentum));
        CheckUnitInterval(dampening, nameof(dampening));
        CheckNonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum above 0 and zero dampening (as torch.optim.SGD).", nameof(nesterov));
        Momentum = momentum;
        Dampening = dampening;
        Nesterov = nesterov;
        WeightDecay = weightDecay;
        if (momentum != 0)
            _momentumBuffer = new double[parameterCount];
    }

    /// <summary>torch's <c>momentum</c>.</summary>
    public double Momentum { get; }

    /// <summary>torch's <c>dampening</c>.</summary>
    public double Dampening { get; }

    /// <summary>torch's <c>nesterov</c>.</summary>
    public bool Nesterov { get; }

    /// <summary>torch's <c>weight_decay</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>The momentum buffer <c>b</c>, laid out like the parameters (empty without momentum).</summary>
    public ReadOnlySpan<double> MomentumBuffer => _momentumBuffer;

    /// <inheritdoc />
    protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradients, int step)
    {
        double lr = LearningRate;
        for (int i = 0; i < parameters.Length; i++)
        {
            double g = gradients[i];
            if (WeightDecay != 0)
                g += WeightDecay * parameters[i];
            if (_momentumBuffer is not null)
            {
                double b = step == 1 ? g : Momentum * _momentumBuffer[i] + (1 - Dampening) * g;
                _momentumBuffer[i] = b;
                g = Nesterov ? g + Momentum * b : b;
            }

            parameters[i] -= lr * g;
        }
    }
}
