using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// One test per diagnostic id: the id, the severity and the exact span (line, column and the text under it), and
/// that an error leaves the network without generated source (R8). Lines and columns are 1-based.
/// </summary>
public sealed class DiagnosticLocationTests
{
    [Fact]
    public void ClassWithoutPartial_ReportsNG0001_AtTheClassName()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public class Plain { }
            """);

        DiagnosticAssert.Single(run, "NG0001", DiagnosticSeverity.Error, 7, 14, "Plain");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void DenseWithoutNetwork_OnTwoPartialDeclarations_ReportsNG0002_OnceAtTheFirstLayer()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Dense(3)]
            [Dense(2)]
            public partial class Orphan { }

            [Dense(5)]
            public partial class Orphan { }
            """);

        DiagnosticAssert.Single(run, "NG0002", DiagnosticSeverity.Error, 5, 2, "Dense(3)");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void DenseWithoutNetwork_OnPartialDeclarationsInTwoFiles_ReportsNG0002_Once()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(
            """
            namespace Demo;

            [NetGen.Dense(5)]
            public partial class Orphan { }
            """,
            """
            namespace Demo;

            [NetGen.Dense(3)]
            public partial class Orphan { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0002", DiagnosticSeverity.Error, 3, 2, "NetGen.Dense(5)");
        Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);
    }

    [Fact]
    public void NetworkWithoutDense_ReportsNG0003_AtTheNetworkAttribute()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            public partial class NoLayers { }
            """);

        DiagnosticAssert.Single(run, "NG0003", DiagnosticSeverity.Error, 5, 2, "Network(4)");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void ZeroInputs_ReportsNG0004_AtTheArgument()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(0)]
            [Dense(2)]
            public partial class NoInputs { }
            """);

        DiagnosticAssert.Single(run, "NG0004", DiagnosticSeverity.Error, 5, 10, "0");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void TooManyInputs_GivenByName_ReportsNG0004_AtTheNamedArgument()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(inputs: 2000000)]
            [Dense(2)]
            public partial class Wide { }
            """);

        DiagnosticAssert.Single(run, "NG0004", DiagnosticSeverity.Error, 5, 10, "inputs: 2000000");
    }

    [Fact]
    public void ZeroUnits_ReportsNG0005_AtTheArgument_AndNothingElse()
    {
        // The zero-unit output layer must not also read as a "1-unit softmax" (NG0010).
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(3)]
            [Dense(0)]
            public partial class Narrow { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0005", DiagnosticSeverity.Error, 7, 8, "0");
        Assert.Contains("Layer 2 of 'Narrow'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void TooWideLayers_ReportNG0005_PerLayer_WithoutAParameterCountError()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2000000)]
            [Dense(units: 2000000)]
            public partial class Huge { }
            """);

        Assert.Equal(["NG0005", "NG0005"], DiagnosticAssert.Ids(run.GeneratorDiagnostics));
        DiagnosticAssert.At(run.GeneratorDiagnostics[0], DiagnosticSeverity.Error, 6, 8, "2000000");
        DiagnosticAssert.At(run.GeneratorDiagnostics[1], DiagnosticSeverity.Error, 7, 8, "units: 2000000");
    }

    [Fact]
    public void ZeroMaxBatch_ReportsNG0006_AtTheNamedArgument()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4, MaxBatch = 0)]
            [Dense(2)]
            public partial class NoBatch { }
            """);

        DiagnosticAssert.Single(run, "NG0006", DiagnosticSeverity.Error, 5, 13, "MaxBatch = 0");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void GenericClass_ReportsNG0007_AtTheClassName()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public partial class Generic<T> { }
            """);

        DiagnosticAssert.Single(run, "NG0007", DiagnosticSeverity.Error, 7, 22, "Generic");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void ClassNestedInGeneric_ReportsNG0007_AtTheClassName()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            public partial class Outer<T>
            {
                [Network(4)]
                [Dense(2)]
                public partial class Inner { }
            }
            """);

        DiagnosticAssert.Single(run, "NG0007", DiagnosticSeverity.Error, 9, 26, "Inner");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void LayersSplitAcrossPartialDeclarations_ReportsNG0008_OnceAtTheLayerAwayFromNetwork()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(3)]
            public partial class Split { }

            [Dense(2)]
            [Dense(1)]
            public partial class Split { }
            """);

        DiagnosticAssert.Single(run, "NG0008", DiagnosticSeverity.Error, 9, 2, "Dense(2)");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void LayersSplitAcrossFiles_WithTheStrayFileFirst_ReportsNG0008_OnceAtTheStrayLayer()
    {
        // Source0.cs sorts first, but the layers beside [Network] are the home ones: the stray layer is in Source0.
        GeneratorRun run = GeneratorDriverHarness.Run(
            """
            namespace Demo;

            [NetGen.Dense(2)]
            public partial class Split { }
            """,
            """
            namespace Demo;

            [NetGen.Network(4)]
            [NetGen.Dense(3)]
            public partial class Split { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0008", DiagnosticSeverity.Error, 3, 2, "NetGen.Dense(2)");
        Assert.Equal("Source0.cs", diagnostic.Location.SourceTree!.FilePath);
    }

    [Fact]
    public void LayersAllOnAnotherPartialDeclaration_AreOneNetwork()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            public partial class Elsewhere { }

            [Dense(3, Activation.ReLU)]
            [Dense(2)]
            public partial class Elsewhere { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
        Assert.Equal([(4, 3), (3, 2)], run.Model.Layers.Select(l => (l.Inputs, l.Units)).ToArray());
    }

    [Fact]
    public void TwoNetworkAttributes_ReportNG0009_OnceForTheDuplicate_BesideCS0579()
    {
        GeneratorRun run = GeneratorDriverHarness.RunOnBrokenCode("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Network(8)]
            [Dense(2)]
            public partial class Twice { }
            """);

        DiagnosticAssert.Single(run, "NG0009", DiagnosticSeverity.Error, 6, 2, "Network(8)");
        Assert.Contains(run.CompilationWarningsAndErrors, d => d.Id == "CS0579");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void ThreeNetworkAttributesOnTwoDeclarations_ReportNG0009_OncePerDuplicate()
    {
        GeneratorRun run = GeneratorDriverHarness.RunOnBrokenCode("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public partial class Thrice { }

            [Network(5)]
            public partial class Thrice { }

            [Network(6)]
            public partial class Thrice { }
            """);

        Assert.Equal(["NG0009", "NG0009"], DiagnosticAssert.Ids(run.GeneratorDiagnostics));
        DiagnosticAssert.At(run.GeneratorDiagnostics[0], DiagnosticSeverity.Error, 9, 2, "Network(5)");
        DiagnosticAssert.At(run.GeneratorDiagnostics[1], DiagnosticSeverity.Error, 12, 2, "Network(6)");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void SoftmaxOverOneUnit_ReportsNG0010_AtTheUnits()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(1)]
            public partial class OneClass { }
            """);

        DiagnosticAssert.Single(run, "NG0010", DiagnosticSeverity.Error, 6, 8, "1");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void SoftmaxAfterReLU_ReportsNG0011_AtTheActivation()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4, Loss = Loss.SoftmaxCrossEntropy)]
            [Dense(3, Activation.ReLU)]
            public partial class ActivatedLogits { }
            """);

        DiagnosticAssert.Single(run, "NG0011", DiagnosticSeverity.Error, 6, 11, "Activation.ReLU");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void ZeroInitHiddenLayer_ReportsWarningNG0012_AtWeightInit_AndStillGenerates()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(8, Activation.Tanh, WeightInit = Init.Zeros)]
            [Dense(2)]
            public partial class ZeroHidden { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0012", DiagnosticSeverity.Warning, 6, 28, "WeightInit = Init.Zeros");
        Assert.False(diagnostic.IsSuppressed);
        Assert.Equal("Demo.ZeroHidden.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("Init.XavierNormal")]
    [InlineData("Init.Zeros")] // the default, written out: still does nothing
    public void BiasInitOnALayerWithoutBias_ReportsWarningNG0023_AtBiasInit_AndStillGenerates(string init)
    {
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(8, Activation.Tanh, Bias = false, BiasInit = {{init}})]
            [Dense(2)]
            public partial class NoBias { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0023", DiagnosticSeverity.Warning, 6, 42, "BiasInit = " + init);
        Assert.Equal("Layer 1 of 'NoBias' sets BiasInit but has Bias = false, so it has no bias to initialize: remove BiasInit, or set Bias = true", diagnostic.GetMessage());
        Assert.Equal("Demo.NoBias.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("1f", "1")]
    [InlineData("-0.1f", "-0.1")]
    [InlineData("float.NaN", "NaN")]
    [InlineData("float.PositiveInfinity", "+infinity")]
    public void LeakyReLUSlopeOutOfRange_ReportsErrorNG0026_AtNegativeSlope_AndGeneratesNothing(string slope, string shown)
    {
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(8, Activation.LeakyReLU, NegativeSlope = {{slope}})]
            [Dense(2)]
            public partial class Leaky { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0026", DiagnosticSeverity.Error, 6, 33, "NegativeSlope = " + slope);
        Assert.StartsWith("Layer 1 of 'Leaky' has NegativeSlope " + shown + ":", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void NegativeSlopeOnAnotherActivation_ReportsWarningNG0027_AtNegativeSlope_AndStillGenerates()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(8, Activation.SiLU, NegativeSlope = 0.2f)]
            [Dense(2)]
            public partial class NotLeaky { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0027", DiagnosticSeverity.Warning, 6, 28, "NegativeSlope = 0.2f");
        Assert.Equal("Layer 1 of 'NotLeaky' sets NegativeSlope but its activation is SiLU: remove NegativeSlope, or use Activation.LeakyReLU", diagnostic.GetMessage());
        Assert.Equal("Demo.NotLeaky.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Theory]
    [InlineData("[Dense(8, Activation.LeakyReLU, NegativeSlope = 0f)]")]
    [InlineData("[Dense(8, Activation.LeakyReLU, NegativeSlope = 0.99f)]")]
    [InlineData("[Dense(8, Activation.GELU)]")]
    public void LeakyReLUSlopeInRange_OrNoSlope_IsFine(string layer)
    {
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            [Network(4)]
            {{layer}}
            [Dense(2)]
            public partial class Net { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
    }

    [Theory]
    [InlineData("[Dense(8, Activation.Tanh, Bias = false)]")]
    [InlineData("[Dense(8, Activation.Tanh, BiasInit = Init.XavierNormal)]")]
    [InlineData("[Dense(8, Activation.Tanh, Bias = true, BiasInit = Init.XavierNormal)]")]
    public void BiasInitOnlyWithABias_OrNoBiasWithoutBiasInit_IsFine(string layer)
    {
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            [Network(4)]
            {{layer}}
            [Dense(2)]
            public partial class Net { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void PragmaWarningDisable_SuppressesNG0012()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            #pragma warning disable NG0012 // symmetric start on purpose: this network demonstrates the failure
            [Network(4)]
            [Dense(8, Activation.Tanh, WeightInit = Init.Zeros)]
            [Dense(2)]
            public partial class ZeroHidden { }
            #pragma warning restore NG0012
            """);

        Assert.All(run.Diagnostics("NG0012"), d => Assert.True(d.IsSuppressed));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => !d.IsSuppressed);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void ActivationCastFromOutOfRangeInt_ReportsNG0013_AtTheCast()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4, Loss = Loss.SquaredError)]
            [Dense(3, (Activation)42)]
            public partial class Cast { }
            """);

        DiagnosticAssert.Single(run, "NG0013", DiagnosticSeverity.Error, 6, 11, "(Activation)42");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void EveryEnumPropertyCastOutOfRange_ReportsNG0013_AtEachNamedArgument()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4, Loss = (Loss)9, Reduction = (Reduction)3)]
            [Dense(3, WeightInit = (Init)7, BiasInit = (Init)8)]
            public partial class Casts { }
            """);

        Diagnostic[] diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        Assert.All(diagnostics, d => Assert.Equal("NG0013", d.Id));
        Assert.Equal(4, diagnostics.Length);
        DiagnosticAssert.At(diagnostics[0], DiagnosticSeverity.Error, 5, 13, "Loss = (Loss)9");
        DiagnosticAssert.At(diagnostics[1], DiagnosticSeverity.Error, 5, 29, "Reduction = (Reduction)3");
        DiagnosticAssert.At(diagnostics[2], DiagnosticSeverity.Error, 6, 11, "WeightInit = (Init)7");
        DiagnosticAssert.At(diagnostics[3], DiagnosticSeverity.Error, 6, 33, "BiasInit = (Init)8");
    }

    [Fact]
    public void TooManyParameters_ReportsNG0014_AtTheNetworkAttribute()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(1048576, MaxBatch = 1)]
            [Dense(1048576)]
            public partial class Giant { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0014", DiagnosticSeverity.Error, 5, 2, "Network(1048576, MaxBatch = 1)");
        Assert.Contains("1099512676352 parameters", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void SixtyFiveLayers_ReportNG0015_AtTheFirstLayerPastTheLimit()
    {
        string layers = string.Concat(Enumerable.Repeat("[Dense(2)]\n", 65));
        GeneratorRun run = GeneratorDriverHarness.Run(
            "using NetGen;\n\nnamespace Demo;\n\n[Network(4, Loss = Loss.SquaredError)]\n" + layers + "public partial class TooDeep { }\n");

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0015", DiagnosticSeverity.Error, 6 + 64, 2, "Dense(2)");
        Assert.Contains("has 65 layers, above the limit of 64", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void SixtyFourLayers_AreAllowed()
    {
        string layers = string.Concat(Enumerable.Repeat("[Dense(2)]\n", 64));
        GeneratorRun run = GeneratorDriverHarness.Run(
            "using NetGen;\n\nnamespace Demo;\n\n[Network(4, Loss = Loss.SquaredError)]\n" + layers + "public partial class Deepest { }\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
    }

    [Fact]
    public void BuffersTooLarge_ReportsNG0016_AtMaxBatch_WithTheLargestMaxBatchThatFits()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(1048576, MaxBatch = 65536)]
            [Dense(2)]
            public partial class WideInput { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0016", DiagnosticSeverity.Error, 5, 19, "MaxBatch = 65536");
        // (1048576 + 2) activations * 2 (values and gradients) per row; 2^28 / 2097156 = 128.0 - ε.
        Assert.EndsWith("set MaxBatch to at most 127", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void BuffersTooLargeWithDefaultMaxBatch_ReportsNG0016_AtTheNetworkAttribute()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(1048576)]
            [Dense(2)]
            public partial class WideInput { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0016", DiagnosticSeverity.Error, 5, 2, "Network(1048576)");
        Assert.StartsWith("MaxBatch 256 of 'WideInput'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void NonPartialEnclosingType_ReportsNG0017_AtTheEnclosingTypeName()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            public class Outer
            {
                [Network(4)]
                [Dense(2)]
                public partial class Inner { }
            }
            """);

        DiagnosticAssert.Single(run, "NG0017", DiagnosticSeverity.Error, 5, 14, "Outer");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void StaticClass_ReportsNG0018_AtTheClassName()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public static partial class Static { }
            """);

        DiagnosticAssert.Single(run, "NG0018", DiagnosticSeverity.Error, 7, 29, "Static");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Record_ReportsNG0019_AtTheRecordName()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public partial record Rec;
            """);

        DiagnosticAssert.Single(run, "NG0019", DiagnosticSeverity.Error, 7, 23, "Rec");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void FileLocalClass_ReportsNG0020_AtTheFileModifier()
    {
        // Before NG0020 the metadata name '<Source0>F…__Local' made AddSource throw (CS8785).
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            file partial class Local { }
            """);

        DiagnosticAssert.Single(run, "NG0020", DiagnosticSeverity.Error, 7, 1, "file");
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void ClassNestedInFileLocalType_ReportsNG0020_AtThatTypesFileModifier()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            file partial class Holder
            {
                [Network(4)]
                [Dense(2)]
                public partial class Inner { }
            }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0020", DiagnosticSeverity.Error, 5, 1, "file");
        Assert.Contains("('Holder' is declared 'file')", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void NetworkDerivedFromANetwork_ReportsNG0021_AtTheBaseType()
    {
        // Without NG0021 every generated member of DerivedNet hides one of BaseNet's: CS0108 in generated code.
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public partial class BaseNet { }

            [Network(4)]
            [Dense(3)]
            public partial class DerivedNet : BaseNet { }
            """);

        DiagnosticAssert.Single(run, "NG0021", DiagnosticSeverity.Error, 11, 35, "BaseNet");
        Assert.Equal("Demo.BaseNet.g.cs", Assert.Single(run.GeneratedSources).HintName);
    }

    [Fact]
    public void NetworkDerivedFromANetworkInAReferencedAssembly_ThroughAPlainClass_ReportsNG0021()
    {
        GeneratorRun library = GeneratorDriverHarness.Run("""
            namespace Library;

            [NetGen.Network(4)]
            [NetGen.Dense(2)]
            public partial class BaseNet { }

            public class Middle : BaseNet { }
            """);
        MetadataReference reference = GeneratorDriverHarness.ToReference(library.OutputCompilation);

        CSharpCompilation compilation = GeneratorDriverHarness.CreateCompilation("""
            namespace Demo;

            [NetGen.Network(4)]
            [NetGen.Dense(3)]
            public partial class DerivedNet : Library.Middle { }
            """).AddReferences(reference);
        GeneratorRun run = GeneratorDriverHarness.RunOnce(compilation);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0021", DiagnosticSeverity.Error, 5, 35, "Library.Middle");
        Assert.Contains("derives from the network 'BaseNet'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void MemberNamedLikeAGeneratedMember_ReportsNG0022_AtTheMember_AndGeneratesNothing()
    {
        GeneratorRun run = GeneratorDriverHarness.RunOnBrokenCode("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(3)]
            [Dense(2)]
            public partial class Net
            {
                public int GradB2 => 0;
                public void Forwards() { }
            }
            """);

        DiagnosticAssert.Single(run, "NG0022", DiagnosticSeverity.Error, 10, 16, "GradB2");
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [InlineData("private int _parameters;", 17, "_parameters")]
    [InlineData("private void RowsPass() { }", 18, "RowsPass")]
    [InlineData("private class Workspace { }", 19, "Workspace")]
    [InlineData("private const int L2Units = 3;", 23, "L2Units")]
    public void MemberNamedLikeAPrivateMemberOfTheTrainer_ReportsNG0022_AtTheMember_InsteadOfACompilerError(string member, int column, string name)
    {
        // Without NG0022 the trainer would be generated beside the member: CS0102 or CS0111 inside generated code.
        GeneratorRun run = GeneratorDriverHarness.RunOnBrokenCode($$"""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(3)]
            [Dense(2)]
            public partial class Net
            {
                {{member}}
            }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0022", DiagnosticSeverity.Error, 10, column, name);
        Assert.Equal("'Net' declares a member named '" + name + "', which the generated trainer also declares: rename '" + name + "'", diagnostic.GetMessage());
        Assert.Empty(run.GeneratedSources);
        Assert.DoesNotContain(run.CompilationWarningsAndErrors, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void MemberNamedLikeAViewOfALayerThatDoesNotExist_IsFine()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public partial class Net
            {
                public int W2 => 0;
                public int B01 => 0;
            }
            """);

        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "NG0022");
        Assert.Single(run.GeneratedSources);
    }

    [Theory]
    [InlineData("Workspace")]
    [InlineData("Spec")]
    [InlineData("Forward")]
    [InlineData("Team")]
    [InlineData("W1")]
    [InlineData("_parameters")]
    public void ClassNamedLikeAGeneratedMember_ReportsNG0024_AtTheClassName_InsteadOfCS0542(string name)
    {
        // Without NG0024 the trainer declares a member named like its enclosing type: CS0542 inside generated code.
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public partial class {{name}} { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0024", DiagnosticSeverity.Error, 7, 22, name);
        Assert.Equal("The network class '" + name + "' has the name of a member the generated trainer declares: rename the class", diagnostic.GetMessage());
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [InlineData("Network1")]
    [InlineData("W2")]
    [InlineData("Forwarder")]
    [InlineData("Net")]
    public void ClassNamedLikeNoGeneratedMember_IsFine(string name)
    {
        // W2 is a member only of networks with two layers or more.
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            [Network(4)]
            [Dense(2)]
            public partial class {{name}} { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
    }

    [Theory]
    [InlineData("protected int _parameters;", "_parameters")]
    [InlineData("public object? Spec => null;", "Spec")]
    [InlineData("protected internal void RowsPass() { }", "RowsPass")]
    [InlineData("public int W1 => 0;", "W1")]
    public void MemberInheritedFromAPlainBaseClass_ReportsNG0025_AtTheBaseType_InsteadOfCS0108(string member, string name)
    {
        // Without NG0025 the trainer's member hides the inherited one: CS0108 in generated code, an error under
        // TreatWarningsAsErrors (or a broken lookup, when the trainer calls its own member and finds the base's).
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            public class Base { {{member}} }

            [Network(4)]
            [Dense(2)]
            public partial class Net : Base { }
            """);

        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0025", DiagnosticSeverity.Error, 9, 28, "Base");
        Assert.Equal("'Net' inherits a member named '" + name + "' from 'Base', which the generated trainer also declares: rename '" + name + "' in 'Base', or do not derive 'Net' from it", diagnostic.GetMessage());
        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void MembersInheritedFromABaseInAReferencedAssembly_ThroughAPlainClass_ReportNG0025_OncePerName()
    {
        CSharpCompilation library = GeneratorDriverHarness.CreateCompilation("""
            namespace Library;

            public class Root
            {
                public void Forward(System.ReadOnlySpan<float> inputs, System.Span<float> outputs) { }
                public void Forward() { }
                internal int Team;
                private int _team;
                public int Value => _team;
            }

            public class Middle : Root { }
            """);
        MetadataReference reference = GeneratorDriverHarness.ToReference(library);

        CSharpCompilation compilation = GeneratorDriverHarness.CreateCompilation("""
            namespace Demo;

            [NetGen.Network(4)]
            [NetGen.Dense(3)]
            public partial class Net : Library.Middle { }
            """).AddReferences(reference);
        GeneratorRun run = GeneratorDriverHarness.RunOnce(compilation);

        // Forward once for its two overloads; Team is internal to the library and _team private: neither is visible.
        Diagnostic diagnostic = DiagnosticAssert.Single(run, "NG0025", DiagnosticSeverity.Error, 5, 28, "Library.Middle");
        Assert.Contains("a member named 'Forward' from 'Root'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
    }

    [Theory]
    [InlineData("private int _parameters = 1; public int P => _parameters;")]
    [InlineData("public override string ToString() => \"net\";")]
    [InlineData("public int W2 => 0;")]
    [InlineData("protected void Train() { }")]
    public void MembersOfTheBaseTheTrainerCannotCollideWith_AreFine(string member)
    {
        // A private member is invisible in the derived class; W2 is a member only of networks with two layers or more.
        GeneratorRun run = GeneratorDriverHarness.Run($$"""
            using NetGen;

            namespace Demo;

            public class Base { {{member}} }

            [Network(4)]
            [Dense(2)]
            public partial class Net : Base { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.GeneratedSources);
    }
}
