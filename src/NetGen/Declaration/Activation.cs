// This file is linked into the generator (netstandard2.0): keep it free of dependencies.
namespace NetGen;

/// <summary>The elementwise nonlinearity applied to a layer's pre-activation <c>Z W + b</c>.</summary>
/// <remarks>The numeric values are part of the contract between the runtime and the generator; never renumber.</remarks>
public enum Activation
{
    /// <summary><c>sigma(z) = z</c>; derivative 1. The usual choice for an output layer.</summary>
    Identity = 0,

    /// <summary><c>sigma(z) = max(z, 0)</c>; derivative <c>1{z &gt; 0}</c> (0 at the kink, as in the course notes).</summary>
    ReLU = 1,

    /// <summary><c>sigma(z) = 1 / (1 + exp(-z))</c>; derivative <c>sigma(z) (1 - sigma(z))</c>.</summary>
    Sigmoid = 2,

    /// <summary><c>sigma(z) = tanh(z)</c>; derivative <c>1 - tanh(z)^2</c>.</summary>
    Tanh = 3,

    /// <summary><c>sigma(z) = log(1 + exp(z))</c>, computed stably; derivative <c>1 / (1 + exp(-z))</c>.</summary>
    Softplus = 4,
}
