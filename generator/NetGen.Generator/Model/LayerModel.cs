namespace NetGen.Generator.Model;

/// <summary>One resolved layer: shape, activation, initializers and offsets into the parameter buffer.</summary>
/// <param name="Index">Zero-based position; tensors are named <c>W{Index+1}</c>, <c>b{Index+1}</c>.</param>
/// <param name="Inputs">Fan-in: the previous layer's units or the network's inputs.</param>
/// <param name="Units">Fan-out.</param>
/// <param name="Activation">The elementwise activation.</param>
/// <param name="HasBias">Whether the layer has a bias vector.</param>
/// <param name="WeightInit">The weight initializer.</param>
/// <param name="BiasInit">The bias initializer.</param>
/// <param name="WeightOffset">Start of <c>W</c> in the parameter buffer.</param>
/// <param name="BiasOffset">Start of <c>b</c>, or -1 without a bias.</param>
/// <param name="NegativeSlope">LeakyReLU's slope for <c>z &lt;= 0</c> (unused by other activations).</param>
internal sealed record LayerModel(
    int Index,
    int Inputs,
    int Units,
    Activation Activation,
    bool HasBias,
    Init WeightInit,
    Init BiasInit,
    int WeightOffset,
    int BiasOffset,
    float NegativeSlope = KnownNames.DefaultNegativeSlope)
{
    /// <summary>One-based number used in names: <c>W1</c>, <c>Z1</c>, <c>G1</c>.</summary>
    public int Number => Index + 1;

    public int WeightCount => Inputs * Units;

    public int ParameterCount => WeightCount + (HasBias ? Units : 0);
}
