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

    /// <summary>
    /// <c>sigma(z) = z</c> for <c>z &gt; 0</c>, else <c>a z</c>, with the negative slope <c>a</c> declared by
    /// <see cref="DenseAttribute.NegativeSlope"/> (0.01, torch's default, unless set); derivative 1 for
    /// <c>z &gt; 0</c>, else <c>a</c> (so <c>a</c> at the kink, as torch's <c>leaky_relu</c>); second derivative 0.
    /// </summary>
    LeakyReLU = 5,

    /// <summary>
    /// SiLU (swish), <c>sigma(z) = z sigmoid(z)</c>, torch's <c>silu</c>; derivative
    /// <c>s (1 + z (1 - s))</c> with <c>s = sigmoid(z)</c>; second derivative <c>s (1 - s) (2 + z (1 - 2 s))</c>.
    /// </summary>
    SiLU = 6,

    /// <summary>
    /// GELU in its tanh approximation, torch's <c>gelu(z, approximate='tanh')</c> (not the erf form, torch's default):
    /// <c>sigma(z) = 0.5 z (1 + tanh(u))</c> with <c>u = sqrt(2 / pi) (z + 0.044715 z^3)</c>, computed as
    /// <c>z sigmoid(2 u)</c>; derivative <c>0.5 (1 + tanh(u)) + 0.5 z (1 - tanh(u)^2) u'</c>.
    /// </summary>
    GELU = 7,
}
