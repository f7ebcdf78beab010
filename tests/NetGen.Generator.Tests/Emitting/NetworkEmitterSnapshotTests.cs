using System;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Emitting;

/// <summary>
/// Emitter tier (R14 tier 2): models built by hand, emitted without Roslyn, snapshotted. A change in the emitter
/// shows here as a diff of its output, independent of parsing.
/// </summary>
public sealed class NetworkEmitterSnapshotTests
{
    [Theory]
    [InlineData("SingleLayer")]
    [InlineData("TwoLayerReLU")]
    [InlineData("DeepWithBiases")]
    [InlineData("NestedInGlobalNamespace")]
    public void Emit_HandBuiltModel_MatchesSnapshot(string shape)
    {
        NetworkModel model = Model(shape);

        string source = NetworkEmitter.Emit(model);

        Assert.Equal(source, NetworkEmitter.Emit(model with { }));
        Snapshot.Verify(source, model.HintName, "shape=" + shape);
    }

    private static NetworkModel Model(string shape) => shape switch
    {
        "SingleLayer" => Models.Build(
            "Emitted", [], "Perceptron", inputs: 3, Loss.SquaredError, Reduction.Mean, maxBatch: 1,
            (1, Activation.Sigmoid, true, Init.Zeros, Init.Zeros)),
        "TwoLayerReLU" => Models.Build(
            "Emitted", [], "Mlp", inputs: 784, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 100,
            (100, Activation.ReLU, false, Init.ScaledNormal, Init.Zeros),
            (10, Activation.Identity, false, Init.ScaledNormal, Init.Zeros)),
        "DeepWithBiases" => Models.Build(
            "Emitted.Deep", [], "Deep", inputs: 9, Loss.HalfSquaredError, Reduction.Sum, maxBatch: 17,
            (7, Activation.Tanh, true, Init.XavierNormal, Init.Zeros),
            (5, Activation.Sigmoid, true, Init.XavierUniform, Init.Zeros),
            (3, Activation.Softplus, true, Init.HeNormal, Init.Zeros),
            (2, Activation.Identity, true, Init.XavierNormal, Init.Zeros)),
        "NestedInGlobalNamespace" => Models.Build(
            null, [new ContainingTypeModel("class", "Outer"), new ContainingTypeModel("record struct", "Inner")], "Net",
            inputs: 2, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 256,
            (2, Activation.Identity, true, Init.XavierNormal, Init.Zeros)),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
    };
}
