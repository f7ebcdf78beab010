using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>The networks the checkpoint tests use: with and without biases, 1 to 4 layers, odd widths.</summary>
internal static class TestSpecs
{
    /// <summary>The fixtures' network: 3 -> 4 ReLU (bias) -> 2 (no bias); W1 (3, 4), b1 (4,), W2 (4, 2).</summary>
    public static readonly NetworkSpec TwoLayer = new(3, [new LayerDeclaration(4, Activation.ReLU), new LayerDeclaration(2, Bias: false)]);

    /// <summary>Softmax regression: one layer without bias, 5 -> 3.</summary>
    public static readonly NetworkSpec OneLayerNoBias = new(5, [new LayerDeclaration(3, Bias: false)]);

    /// <summary>One layer with bias, 1 -> 2, squared error.</summary>
    public static readonly NetworkSpec OneLayer = new(1, [new LayerDeclaration(2)], Loss.SquaredError);

    /// <summary>The course's dosage network: 1 -> 2 Softplus -> 1, biases, sum of squares.</summary>
    public static readonly NetworkSpec Dosage = new(1, [new LayerDeclaration(2, Activation.Softplus), new LayerDeclaration(1)], Loss.SquaredError, Reduction.Sum);

    /// <summary>Three layers, no biases, odd widths.</summary>
    public static readonly NetworkSpec ThreeLayersNoBias = new(7, [
        new LayerDeclaration(9, Activation.ReLU, Bias: false),
        new LayerDeclaration(33, Activation.Tanh, Bias: false),
        new LayerDeclaration(2, Bias: false)]);

    /// <summary>Four layers mixing bias on and off, odd widths including 1.</summary>
    public static readonly NetworkSpec FourLayersMixed = new(17, [
        new LayerDeclaration(9, Activation.Tanh),
        new LayerDeclaration(1, Activation.ReLU, Bias: false),
        new LayerDeclaration(7, Activation.Sigmoid),
        new LayerDeclaration(3, Bias: false)]);

    public static NetworkSpec ByName(string name) => name switch
    {
        nameof(TwoLayer) => TwoLayer,
        nameof(OneLayerNoBias) => OneLayerNoBias,
        nameof(OneLayer) => OneLayer,
        nameof(Dosage) => Dosage,
        nameof(ThreeLayersNoBias) => ThreeLayersNoBias,
        nameof(FourLayersMixed) => FourLayersMixed,
        _ => throw new System.ArgumentException(name, nameof(name)),
    };

    public static TheoryData<string> Names => new()
    {
        nameof(TwoLayer), nameof(OneLayerNoBias), nameof(OneLayer), nameof(Dosage), nameof(ThreeLayersNoBias), nameof(FourLayersMixed),
    };
}
