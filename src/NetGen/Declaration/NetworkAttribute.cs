using System;

namespace NetGen;

/// <summary>
/// Declares a neural network on a <c>partial class</c>: the NetGen source generator emits a trainer for exactly
/// this shape (forward pass, backward pass, in-place SGD) into the other half of the class.
/// </summary>
/// <remarks>
/// Put one <see cref="DenseAttribute"/> per layer on the same declaration, in order from input to output:
/// <code>
/// [Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 100)]
/// [Dense(100, Activation.ReLU, Bias = false)]
/// [Dense(10, Bias = false)]
/// public partial class MnistMlp { }
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>Declares a network that takes <paramref name="inputs"/> features per sample.</summary>
    /// <param name="inputs">The number of input features per sample, from 1 to <see cref="NetworkLimits.MaxWidth"/>.</param>
    public NetworkAttribute(int inputs) => Inputs = inputs;

    /// <summary>The number of input features per sample.</summary>
    public int Inputs { get; }

    /// <summary>The training loss. Default: <see cref="NetGen.Loss.SoftmaxCrossEntropy"/>.</summary>
    public Loss Loss { get; set; } = Loss.SoftmaxCrossEntropy;

    /// <summary>How per-sample losses combine over a batch. Default: <see cref="NetGen.Reduction.Mean"/>.</summary>
    public Reduction Reduction { get; set; } = Reduction.Mean;

    /// <summary>
    /// The largest batch a call accepts: the capacity of the activation and gradient buffers allocated once at
    /// construction. From 1 to <see cref="NetworkLimits.MaxBatch"/>. Default: <see cref="DefaultMaxBatch"/>.
    /// </summary>
    public int MaxBatch { get; set; } = DefaultMaxBatch;

    /// <summary>The default of <see cref="MaxBatch"/>: 256 rows.</summary>
    public const int DefaultMaxBatch = 256;
}
