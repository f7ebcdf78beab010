// This file is linked into the generator (netstandard2.0): keep it free of dependencies.
namespace NetGen;

/// <summary>The per-sample training loss, reduced over a batch by <see cref="Reduction"/>.</summary>
/// <remarks>The numeric values are part of the contract between the runtime and the generator; never renumber.</remarks>
public enum Loss
{
    /// <summary>
    /// Softmax cross-entropy on the output logits with an integer class label <c>y</c>:
    /// <c>log(sum_j exp(z_j)) - z_y</c>, computed with the row maximum subtracted (log-sum-exp).
    /// Targets are class labels (<c>byte</c> or <c>int</c>). The output layer must have at least
    /// two units and the <see cref="Activation.Identity"/> activation.
    /// </summary>
    SoftmaxCrossEntropy = 0,

    /// <summary>The squared error <c>||y_hat - y||^2</c> per sample (the course's MSE / sum of squared residuals).</summary>
    SquaredError = 1,

    /// <summary>Half the squared error, <c>1/2 ||y_hat - y||^2</c> per sample, whose gradient is the plain residual.</summary>
    HalfSquaredError = 2,
}
