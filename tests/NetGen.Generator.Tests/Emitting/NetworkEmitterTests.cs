using System;
using System.Collections.Immutable;
using System.Linq;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Emitting;

/// <summary>
/// Emitter tier (R14 tier 2): models built by hand, emitted without Roslyn. What every network's files must be, asserted
/// on a few shapes (the snapshots of <c>GeneratorSnapshotTests</c> show the code itself).
/// </summary>
public sealed class NetworkEmitterTests
{
    public static TheoryData<string> Shapes => new() { "SingleLayer", "TwoLayerReLU", "DeepWithBiases", "NestedInGlobalNamespace" };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Emit_IsPure_AndWritesOneFilePerConcern(string shape)
    {
        NetworkModel model = Model(shape);

        ImmutableArray<GeneratedFile> files = NetworkEmitter.Emit(model);

        Assert.Equal(files.ToArray(), NetworkEmitter.Emit(model with { }).ToArray());
        string stem = model.HintName.Substring(0, model.HintName.Length - ".g.cs".Length);
        Assert.Equal(
            new[] { model.HintName }.Concat(GeneratedFileWriter.Parts.Select(part => stem + "." + part + ".g.cs")),
            files.Select(file => file.HintName));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NoGeneratedLine_IsLongerThan150Characters(string shape)
    {
        string[] tooLong = NetworkEmitter.Emit(Model(shape))
            .SelectMany(file => file.Text.Split('\n').Select(line => (file.HintName, line)))
            .Where(entry => entry.line.Length > 150)
            .Select(entry => entry.HintName + ": " + entry.line.Trim())
            .ToArray();

        Assert.True(tooLong.Length == 0, "Lines over 150 characters:\n" + string.Join("\n", tooLong));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NoGeneratedComment_NamesAnEmitterSourceFile(string shape)
    {
        foreach (GeneratedFile file in NetworkEmitter.Emit(Model(shape)))
        {
            Assert.DoesNotContain("Emitter", file.Text, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"\w+\.cs\b", file.Text.Replace(file.HintName, string.Empty, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EachKernel_HasTheCoursesEquationAboveIt()
    {
        string kernels = NetworkEmitter.Emit(Model("TwoLayerReLU")).Single(file => file.HintName == "Emitted.Mlp.Kernels.g.cs").Text;

        Assert.Matches(@"// Z1 = ReLU\(X W1\)\n\s*/// <summary>Layer 1 forward", kernels);
        Assert.Matches(@"// dW2 = Z1\^T G2\n\s*/// <summary>\n\s*/// Layer 2 backward", kernels);
        Assert.Matches(@"// G1 = 1\{Z1 > 0\} o \(G2 W2\^T\)\n\s*/// <summary>\n\s*/// Layer 2 to layer 1", kernels);
        Assert.Matches(@"// W1 -= learningRate X\^T G1\n\s*/// <summary>\n\s*/// Layer 1 SGD step", kernels);
    }

    [Fact]
    public void OneRowNetwork_BoundsItsBatchLoopsBy1()
    {
        string kernels = NetworkEmitter.Emit(Model("SingleLayer")).Single(file => file.HintName == "Emitted.Perceptron.Kernels.g.cs").Text;

        Assert.Contains("for (int b = 0; b < 1; b++)", kernels, StringComparison.Ordinal);
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
