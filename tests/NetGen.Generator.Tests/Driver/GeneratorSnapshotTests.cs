using NetGen.Generator.Emitting;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Driver;

/// <summary>
/// Driver tier (R14 tier 3): declarations as a user writes them, compiled with the generator. Three representative
/// networks are snapshotted, one snapshot per generated file: the hw0 network, a deep network with biases, and a tiny
/// one; the others assert what their declaration changes. <see cref="GeneratorDriverHarness.Run"/> also proves each
/// output compiles without a warning and caches.
/// </summary>
public sealed class GeneratorSnapshotTests
{
    [Fact]
    public void Hw0Network_GeneratesTrainer()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Course.Hw0;

            [Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 100)]
            [Dense(100, Activation.ReLU, Bias = false)]
            [Dense(10, Bias = false)]
            public partial class MnistMlp { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.VerifyGenerated(run);
    }

    [Fact]
    public void SoftmaxRegression_GeneratesTrainer()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Course.Hw0;

            [Network(784, MaxBatch = 100)]
            [Dense(10, Bias = false, WeightInit = Init.Zeros)]
            public partial class SoftmaxRegression { }
            """);

        // Zero init on the only layer is fine: NG0012 is for hidden layers. The hw0 snapshot covers the code; here, what
        // a single layer changes: no layer hands a gradient back, so no transposed weights and no TransposeWeights.
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(GeneratedFileWriter.Parts.Length + 1, run.GeneratedSources.Length);
        Assert.DoesNotContain("TransposeWeights", run.Source("Course.Hw0.SoftmaxRegression.Passes.g.cs"), System.StringComparison.Ordinal);
        Assert.DoesNotContain("_w1t", run.Source("Course.Hw0.SoftmaxRegression.Kernels.g.cs"), System.StringComparison.Ordinal);
        Assert.Contains("WeightInit: global::NetGen.Init.Zeros", run.Source("Course.Hw0.SoftmaxRegression.g.cs"), System.StringComparison.Ordinal);
    }

    [Fact]
    public void SoftplusDosageNetwork_WithBiasesAndSumOfSquares_GeneratesTrainer()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Course.Notes;

            /// <summary>The 1-2-1 network fitted to three dosage points.</summary>
            [Network(1, Loss = Loss.SquaredError, Reduction = Reduction.Sum, MaxBatch = 3)]
            [Dense(2, Activation.Softplus)]
            [Dense(1)]
            public partial class DosageNetwork { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.VerifyGenerated(run);
    }

    [Fact]
    public void DeepNetwork_WithBiasesAndEveryInitializer_GeneratesTrainer()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Course.Deep;

            [Network(17, Loss = Loss.HalfSquaredError, MaxBatch = 33)]
            [Dense(33, Activation.Tanh, WeightInit = Init.XavierUniform)]
            [Dense(9, Activation.Sigmoid, WeightInit = Init.HeNormal)]
            [Dense(7, Activation.Tanh, WeightInit = Init.ScaledNormal, BiasInit = Init.XavierNormal)]
            [Dense(3, Activation.Sigmoid)]
            internal sealed partial class DeepRegressor { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Snapshot.VerifyGenerated(run);
    }

    [Fact]
    public void NetworkInGlobalNamespace_GeneratesWithoutNamespace()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            [NetGen.Network(4, Loss = NetGen.Loss.SoftmaxCrossEntropy)]
            [NetGen.Dense(3, NetGen.Activation.ReLU)]
            [NetGen.Dense(2)]
            partial class GlobalNetwork { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("GlobalNetwork.g.cs", Assert.Single(run.SurfaceSources).HintName);
        Assert.All(run.GeneratedSources, source =>
        {
            Assert.DoesNotContain("namespace", source.SourceText.ToString(), System.StringComparison.Ordinal);
            Assert.Contains("\npartial class GlobalNetwork", source.SourceText.ToString(), System.StringComparison.Ordinal);
        });
    }

    [Fact]
    public void NetworkNestedInPartialTypes_RedeclaresEveryContainingType()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Course.Nested
            {
                public partial record Catalog
                {
                    public static partial class Models
                    {
                        internal partial struct Holder
                        {
                            [Network(2, Loss = Loss.SquaredError)]
                            [Dense(3, Activation.Sigmoid)]
                            [Dense(1)]
                            public partial class Xor { }
                        }
                    }
                }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal("Course.Nested.Catalog.Models.Holder.Xor.g.cs", Assert.Single(run.SurfaceSources).HintName);
        Assert.Equal(GeneratedFileWriter.Parts.Length + 1, run.GeneratedSources.Length);
        Assert.All(run.GeneratedSources, source => Assert.Contains(
            "namespace Course.Nested\n{\n    partial record Catalog\n    {\n        partial class Models\n        {\n            partial struct Holder\n            {\n                ",
            source.SourceText.ToString(),
            System.StringComparison.Ordinal));
    }
}
