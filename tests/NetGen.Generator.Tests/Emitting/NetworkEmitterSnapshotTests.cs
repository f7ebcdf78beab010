using System;
using System.Collections.Generic;
using System.Linq;
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
        "SingleLayer" => Build(
            "Emitted", [], "Perceptron", inputs: 3, Loss.SquaredError, Reduction.Mean, maxBatch: 1,
            (1, Activation.Sigmoid, true, Init.Zeros, Init.Zeros)),
        "TwoLayerReLU" => Build(
            "Emitted", [], "Mlp", inputs: 784, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 100,
            (100, Activation.ReLU, false, Init.ScaledNormal, Init.Zeros),
            (10, Activation.Identity, false, Init.ScaledNormal, Init.Zeros)),
        "DeepWithBiases" => Build(
            "Emitted.Deep", [], "Deep", inputs: 9, Loss.HalfSquaredError, Reduction.Sum, maxBatch: 17,
            (7, Activation.Tanh, true, Init.XavierNormal, Init.Zeros),
            (5, Activation.Sigmoid, true, Init.XavierUniform, Init.Zeros),
            (3, Activation.Softplus, true, Init.HeNormal, Init.Zeros),
            (2, Activation.Identity, true, Init.XavierNormal, Init.Zeros)),
        "NestedInGlobalNamespace" => Build(
            null, [new ContainingTypeModel("class", "Outer"), new ContainingTypeModel("record struct", "Inner")], "Net",
            inputs: 2, Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 256,
            (2, Activation.Identity, true, Init.XavierNormal, Init.Zeros)),
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
    };

    /// <summary>A model with offsets laid out as the parser lays them: per layer, weights then bias.</summary>
    private static NetworkModel Build(
        string? ns,
        ContainingTypeModel[] containing,
        string name,
        int inputs,
        Loss loss,
        Reduction reduction,
        int maxBatch,
        params (int Units, Activation Activation, bool Bias, Init WeightInit, Init BiasInit)[] layers)
    {
        var models = new List<LayerModel>();
        int offset = 0;
        int fanIn = inputs;
        foreach ((int units, Activation activation, bool bias, Init weightInit, Init biasInit) in layers)
        {
            models.Add(new LayerModel(models.Count, fanIn, units, activation, bias, weightInit, biasInit, offset, bias ? offset + fanIn * units : -1));
            offset += fanIn * units + (bias ? units : 0);
            fanIn = units;
        }

        string hintName = string.Join(".", new[] { ns }.Concat(containing.Select(c => c.Name)).Append(name).OfType<string>()) + ".g.cs";
        return new NetworkModel(ns, name, containing.ToEquatableArray(), hintName, inputs, loss, reduction, maxBatch, models.ToEquatableArray());
    }
}
