namespace NetGen.Specification;

/// <summary>
/// One layer as a user declares it (the arguments of a <see cref="DenseAttribute"/>), before its input size and
/// parameter offsets are known. <see cref="NetworkSpec"/> resolves it into a <see cref="LayerSpec"/>.
/// </summary>
/// <param name="Units">The number of outputs of the layer.</param>
/// <param name="Activation">The elementwise activation.</param>
/// <param name="Bias">Whether the layer has a bias vector.</param>
/// <param name="WeightInit">How the weights are initialized.</param>
/// <param name="BiasInit">How the bias is initialized.</param>
/// <param name="NegativeSlope">The slope of <see cref="Activation.LeakyReLU"/> for <c>z &lt;= 0</c>, in <c>[0, 1)</c>; unused by other activations.</param>
public readonly record struct LayerDeclaration(
    int Units,
    Activation Activation = Activation.Identity,
    bool Bias = true,
    Init WeightInit = Init.XavierNormal,
    Init BiasInit = Init.Zeros,
    float NegativeSlope = DenseAttribute.DefaultNegativeSlope);
