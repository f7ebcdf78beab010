using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Parsing;

/// <summary>
/// The model the parser hands to the emitter, read from the tracked Model step: shapes, offsets, defaults and
/// names, independent of how the emitter writes them.
/// </summary>
public sealed class NetworkParserTests
{
    [Fact]
    public void Hw0Network_ModelHasShapesAndOffsetsWithoutBias()
    {
        NetworkModel model = ParseSingle("""
            namespace Course.Hw0;

            [NetGen.Network(784, Loss = NetGen.Loss.SoftmaxCrossEntropy, MaxBatch = 100)]
            [NetGen.Dense(100, NetGen.Activation.ReLU, Bias = false)]
            [NetGen.Dense(10, Bias = false)]
            public partial class MnistMlp { }
            """);

        Assert.Equal(("Course.Hw0", "MnistMlp", "Course.Hw0.MnistMlp.g.cs"), (model.Namespace, model.TypeName, model.HintName));
        Assert.Equal((784, 10, 100, 79400), (model.InputSize, model.OutputSize, model.MaxBatch, model.ParameterCount));
        Assert.Equal(
            [
                new LayerModel(0, 784, 100, Activation.ReLU, false, Init.XavierNormal, Init.Zeros, 0, -1),
                new LayerModel(1, 100, 10, Activation.Identity, false, Init.XavierNormal, Init.Zeros, 78400, -1),
            ],
            model.Layers.ToArray());
    }

    [Fact]
    public void LayersWithBias_PlaceEachBiasAfterItsWeights()
    {
        NetworkModel model = ParseSingle("""
            [NetGen.Network(1, Loss = NetGen.Loss.SquaredError, Reduction = NetGen.Reduction.Sum, MaxBatch = 3)]
            [NetGen.Dense(2, NetGen.Activation.Softplus)]
            [NetGen.Dense(1)]
            partial class Dosage { }
            """);

        Assert.Null(model.Namespace);
        Assert.Equal((NetGen.Loss.SquaredError, NetGen.Reduction.Sum, 7), (model.Loss, model.Reduction, model.ParameterCount));
        Assert.Equal([(0, 2), (4, 6)], model.Layers.Select(l => (l.WeightOffset, l.BiasOffset)).ToArray());
        Assert.Equal([(1, 2), (2, 1)], model.Layers.Select(l => (l.Inputs, l.Units)).ToArray());
    }

    [Fact]
    public void OmittedArguments_TakeTheAttributeDefaults()
    {
        NetworkModel model = ParseSingle("[NetGen.Network(3)] [NetGen.Dense(2)] partial class Defaults { }");

        Assert.Equal((NetGen.Loss.SoftmaxCrossEntropy, NetGen.Reduction.Mean, 256), (model.Loss, model.Reduction, model.MaxBatch));
        LayerModel layer = Assert.Single(model.Layers);
        Assert.Equal((Activation.Identity, true, Init.XavierNormal, Init.Zeros), (layer.Activation, layer.HasBias, layer.WeightInit, layer.BiasInit));
    }

    [Fact]
    public void DefaultMaxBatch_MatchesTheRuntimeAttribute()
    {
        Assert.Equal(KnownNames.DefaultMaxBatch, RuntimeFacts.DefaultMaxBatch);
    }

    [Fact]
    public void ContainingTypes_AreListedOutermostFirst_WithTheirKeywords()
    {
        NetworkModel model = ParseSingle("""
            namespace A.B;

            public partial record Outer
            {
                internal partial record struct Middle
                {
                    private partial interface IInner
                    {
                        [NetGen.Network(2)]
                        [NetGen.Dense(2)]
                        public partial class Net { }
                    }
                }
            }
            """);

        Assert.Equal(
            [new ContainingTypeModel("record", "Outer"), new ContainingTypeModel("record struct", "Middle"), new ContainingTypeModel("interface", "IInner")],
            model.ContainingTypes.ToArray());
        Assert.Equal("A.B.Outer.Middle.IInner.Net.g.cs", model.HintName);
    }

    [Fact]
    public void KeywordNames_AreEscapedInTheModel_ButNotInTheHintName()
    {
        NetworkModel model = ParseSingle("""
            namespace @namespace.ok;

            public partial class @object
            {
                [NetGen.Network(2)]
                [NetGen.Dense(2)]
                public partial class @class { }
            }
            """);

        Assert.Equal(("@namespace.ok", "@class", "@object"), (model.Namespace, model.TypeName, model.ContainingTypes[0].Name));
        Assert.Equal("namespace.ok.object.class.g.cs", model.HintName);
    }

    [Fact]
    public void DenseOnRecordWithoutNetwork_ReportsNG0002()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("[NetGen.Dense(2)] public partial record Orphan;");

        DiagnosticAssert.Single(run, "NG0002", Microsoft.CodeAnalysis.DiagnosticSeverity.Error, 1, 2, "NetGen.Dense(2)");
    }

    private static NetworkModel ParseSingle(string source)
    {
        GeneratorRun run = GeneratorDriverHarness.Run(source);
        Assert.Empty(run.GeneratorDiagnostics);
        return run.Model;
    }
}
