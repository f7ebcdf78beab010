namespace NetGen.Specification;

/// <summary>
/// One resolved layer of a <see cref="NetworkSpec"/>: its shape, activation, initializers and where its
/// tensors sit in the contiguous parameter buffer.
/// </summary>
/// <remarks>
/// The parameter layout is fixed: for each layer in order, its weights <c>W</c> as a row-major
/// <c>[Inputs x Units]</c> matrix (element <c>(i, j)</c> at <c>WeightOffset + i * Units + j</c>), then its bias
/// <c>[Units]</c> at <see cref="BiasOffset"/> if it has one.
/// </remarks>
public sealed record LayerSpec
{
    internal LayerSpec(int index, int inputs, LayerDeclaration declaration, int weightOffset)
    {
        Index = index;
        Inputs = inputs;
        Units = declaration.Units;
        Activation = declaration.Activation;
        HasBias = declaration.Bias;
        WeightInit = declaration.WeightInit;
        BiasInit = declaration.BiasInit;
        NegativeSlope = declaration.NegativeSlope;
        WeightOffset = weightOffset;
        BiasOffset = HasBias ? weightOffset + inputs * Units : -1;
    }

    /// <summary>The zero-based position of the layer; the tensors are named <c>W{Index+1}</c> and <c>b{Index+1}</c>.</summary>
    public int Index { get; }

    /// <summary>The number of inputs: the previous layer's <see cref="Units"/>, or the network's inputs.</summary>
    public int Inputs { get; }

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    /// <summary>The elementwise activation.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer has a bias vector.</summary>
    public bool HasBias { get; }

    /// <summary>How the weights are initialized.</summary>
    public Init WeightInit { get; }

    /// <summary>How the bias is initialized (ignored without a bias).</summary>
    public Init BiasInit { get; }

    /// <summary>The slope of <see cref="Activation.LeakyReLU"/> for <c>z &lt;= 0</c> (unused by other activations).</summary>
    public float NegativeSlope { get; }

    /// <summary>Where the weight matrix starts in the parameter buffer.</summary>
    public int WeightOffset { get; }

    /// <summary>Where the bias starts in the parameter buffer, or -1 without a bias.</summary>
    public int BiasOffset { get; }

    /// <summary>The number of weights, <c>Inputs * Units</c>.</summary>
    public int WeightCount => Inputs * Units;

    /// <summary>The number of parameters: weights plus bias.</summary>
    public int ParameterCount => WeightCount + (HasBias ? Units : 0);

    /// <summary>The checkpoint name of the weight matrix: <c>W1</c>, <c>W2</c>, ...</summary>
    public string WeightName => "W" + (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The checkpoint name of the bias: <c>b1</c>, <c>b2</c>, ...</summary>
    public string BiasName => "b" + (Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
