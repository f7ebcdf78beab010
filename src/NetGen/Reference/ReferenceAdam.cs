using System;

namespace NetGen.Reference;

/// <summary>
/// <c>torch.optim.Adam</c> and <c>torch.optim.AdamW</c> (<c>amsgrad=False</c>), step by step as torch 1.13 computes them
/// at step <c>t</c> (from 1):
/// <code>
/// p = p * (1 - lr * weight_decay)                    (AdamW only: decoupled decay)
/// g = grad + weight_decay * p                        (Adam only, when weight_decay != 0: L2 in the gradient)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g^2
/// p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
/// </code>
/// The last line is torch's own order of operations (its <c>step_size</c> and <c>denom</c>); it equals the paper's
/// <c>p - lr * m_hat / (sqrt(v_hat) + eps)</c> with <c>m_hat = m / (1 - beta1^t)</c>, <c>v_hat = v / (1 - beta2^t)</c>.
/// </summary>
public sealed class ReferenceAdam : ReferenceOptimizer
{
    private readonly double[] _m;
    private readonly double[] _v;

    /// <summary>Checks the hyperparameters and allocates the two moment buffers.</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="learningRate">torch's <c>lr</c> (1e-3 is torch's default); finite, not negative.</param>
    /// <param name="beta1">torch's <c>betas[0]</c> (0.9), in [0, 1).</param>
    /// <param name="beta2">torch's <c>betas[1]</c> (0.999), in [0, 1).</param>
    /// <param name="epsilon">torch's <c>eps</c> (1e-8); finite, not negative.</param>
    /// <param name="weightDecay">torch's <c>weight_decay</c>: 0 by default for Adam, 0.01 for AdamW; finite, not negative.</param>
    /// <param name="decoupled">AdamW (decay the parameters, <c>p *= 1 - lr wd</c>) rather than Adam (L2 in the gradient).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of its range.</exception>
    public ReferenceAdam(int parameterCount, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0, bool decoupled = false)
        : base(parameterCount)
    {
        LearningRate = learningRate;
        CheckUnitInterval(beta1, nameof(beta1));
        CheckUnitInterval(beta2, nameof(beta2));
        CheckNonNegative(epsilon, nameof(epsilon));
        CheckNonNegative(weightDecay, nameof(weightDecay));
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = weightDecay;
        Decoupled = decoupled;
        _m = new double[parameterCount];
        _v = new double[parameterCount];
    }

    /// <summary>torch's <c>AdamW(params, lr, betas, eps, weight_decay)</c> (its default decay is 0.01).</summary>
    /// <param name="parameterCount">The number of parameters.</param>
    /// <param name="learningRate">torch's <c>lr</c>.</param>
    /// <param name="weightDecay">torch's <c>weight_decay</c>.</param>
    /// <param name="beta1">torch's <c>betas[0]</c>.</param>
    /// <param name="beta2">torch's <c>betas[1]</c>.</param>
    /// <param name="epsilon">torch's <c>eps</c>.</param>
    /// <returns>The optimizer.</returns>
    public static ReferenceAdam AdamW(int parameterCount, double learningRate = 1e-3, double weightDecay = 1e-2, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) =>
        new(parameterCount, learningRate, beta1, beta2, epsilon, weightDecay, decoupled: true);

    /// <summary>torch's <c>betas[0]</c>.</summary>
    public double Beta1 { get; }

    /// <summary>torch's <c>betas[1]</c>.</summary>
    public double Beta2 { get; }

    /// <summary>torch's <c>eps</c>.</summary>
    public double Epsilon { get; }

    /// <summary>torch's <c>weight_decay</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>Whether this is AdamW (decoupled weight decay).</summary>
    public bool Decoupled { get; }

    /// <summary>The first moment <c>m</c> (torch's <c>exp_avg</c>), laid out like the parameters.</summary>
    public ReadOnlySpan<double> FirstMoment => _m;

    /// <summary>The second moment <c>v</c> (torch's <c>exp_avg_sq</c>), laid out like the parameters.</summary>
    public ReadOnlySpan<double> SecondMoment => _v;

    /// <inheritdoc />
    protected override void Update(Span<double> parameters, ReadOnlySpan<double> gradients, int step)
    {
        double lr = LearningRate;
        double stepSize = lr / (1 - Math.Pow(Beta1, step));
        double correction2 = Math.Sqrt(1 - Math.Pow(Beta2, step));
        for (int i = 0; i < parameters.Length; i++)
        {
            double p = parameters[i], g = gradients[i];
            if (Decoupled)
                p *= 1 - lr * WeightDecay;
            else if (WeightDecay != 0)
                g += WeightDecay * p;
            double m = Beta1 * _m[i] + (1 - Beta1) * g;
            double v = Beta2 * _v[i] + (1 - Beta2) * g * g;
            _m[i] = m;
            _v[i] = v;
            parameters[i] = p - stepSize * m / (Math.Sqrt(v) / correction2 + Epsilon);
        }
    }
}
