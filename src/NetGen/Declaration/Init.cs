// This file is linked into the generator (netstandard2.0): keep it free of dependencies.
namespace NetGen;

/// <summary>
/// How a weight matrix or bias vector is filled by <c>Initialize(seed)</c>. <c>fan_in</c> is the
/// layer's number of inputs and <c>fan_out</c> its number of units. Every random initializer draws from
/// the deterministic generator documented on <c>NetGen.Initialization.DeterministicRandom</c>, so the same
/// seed gives the same parameters on every machine.
/// </summary>
/// <remarks>The numeric values are part of the contract between the runtime and the generator; never renumber.</remarks>
public enum Init
{
    /// <summary>All zeros. Fine for biases and for a network's only layer (softmax regression); a warning on a hidden layer.</summary>
    Zeros = 0,

    /// <summary>Normal with mean 0 and standard deviation <c>sqrt(2 / (fan_in + fan_out))</c> (Glorot/Xavier).</summary>
    XavierNormal = 1,

    /// <summary>Uniform on <c>[-a, a)</c> with <c>a = sqrt(6 / (fan_in + fan_out))</c> (Glorot/Xavier).</summary>
    XavierUniform = 2,

    /// <summary>Normal with mean 0 and standard deviation <c>sqrt(2 / fan_in)</c> (He/Kaiming), suited to ReLU.</summary>
    HeNormal = 3,

    /// <summary>Standard normal divided by <c>sqrt(fan_out)</c>: the course's MLP init, <c>np.random.randn(n, d) / np.sqrt(d)</c>.</summary>
    ScaledNormal = 4,
}
