// This file is linked into the generator (netstandard2.0): keep it free of dependencies.
namespace NetGen;

/// <summary>How per-sample losses combine into the loss of a batch.</summary>
/// <remarks>The numeric values are part of the contract between the runtime and the generator; never renumber.</remarks>
public enum Reduction
{
    /// <summary>The mean over the samples of the batch (the default; the course's <c>nn_epoch</c>).</summary>
    Mean = 0,

    /// <summary>The sum over the samples of the batch (with a squared loss: the sum of squared residuals).</summary>
    Sum = 1,
}
