using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Driver;

/// <summary>
/// "Never crash the compiler": broken and unusual code goes through the generator without an exception, without
/// CS8784/CS8785, and with either the expected NG diagnostics or silence where the compiler reports the error itself.
/// Declarations that look odd but are valid C# must generate and compile clean.
/// </summary>
public sealed class RobustnessTests
{
    /// <summary>Per case: the declaration (after <c>using NetGen; namespace Demo;</c>) and the NG ids it must report (none: silence).</summary>
    private static readonly Dictionary<string, (string Declaration, string[] Expected)> BrokenCases = new()
    {
        ["NetworkWithoutArguments"] = ("[Network] [Dense(2)] public partial class Net { }", []),
        ["DenseWithoutArguments"] = ("[Network(4)] [Dense] public partial class Net { }", []),
        ["NetworkInputsAsString"] = ("[Network(\"784\")] [Dense(10)] public partial class Net { }", []),
        ["ActivationAsString"] = ("[Network(4)] [Dense(10, \"relu\")] public partial class Net { }", []),
        ["MaxBatchAsString"] = ("[Network(4, MaxBatch = \"x\")] [Dense(10)] public partial class Net { }", []),
        ["BiasAsInt"] = ("[Network(4)] [Dense(10, Bias = 1)] public partial class Net { }", []),
        ["UnknownEnumMember"] = ("[Network(4)] [Dense(10, Activation.Swish)] public partial class Net { }", []),
        ["UndefinedConstant"] = ("[Network(Undefined)] [Dense(10)] public partial class Net { }", []),
        ["ConstantOverflow"] = ("[Network(4)] [Dense(1000000 * 1000000)] public partial class Net { }", []),
        ["UnclosedArgumentList"] = ("[Network(784 [Dense(10)] public partial class Net { }", []),
        ["UnclosedAttributeInLayer"] = ("[Network(784, Loss = Loss.SquaredError)] [Dense(10, Activation.ReLU public partial class Net { }", []),
        ["UnclosedClassBrace"] = ("[Network(4)] [Dense(2)] public partial class Net {", []),
        ["UnclosedNamespaceBrace"] = ("namespace Inner { [Network(4)] [Dense(2)] public partial class Net { }", []),
        ["ClassWithoutName"] = ("[Network(4)] [Dense(2)] public partial class  {", []),
        ["TwoClassesWithoutName"] = ("[Network(4)] [Dense(2)] public partial class  { }\n[Network(4)] [Dense(2)] public partial class  { }", []),
        ["EnclosingTypeWithoutName"] = ("public partial class { [Network(4)] [Dense(2)] public partial class Net { } }", []),
        ["OnStruct"] = ("[Network(4)] [Dense(2)] public partial struct Net { }", []),
        ["OnRecordStruct"] = ("[Network(4)] [Dense(2)] public partial record struct Net;", []),
        ["OnInterface"] = ("[Network(4)] [Dense(2)] public partial interface INet { }", []),
        ["OnEnum"] = ("[Network(4)] [Dense(2)] public enum Net { A }", []),
        ["OnMethod"] = ("public partial class Holder { [Network(4)] [Dense(2)] public void Net() { } }", []),
        ["DenseOnlyOnStruct"] = ("[Dense(2)] public partial struct Net { }", []),
        ["OnRecord"] = ("[Network(4)] [Dense(2)] public partial record Net;", ["NG0019"]),
        ["DuplicateClassDefinitions"] = ("[Network(4)] [Dense(2)] public class Net { }\n[Network(4)] [Dense(2)] public class Net { }", ["NG0009"]),
        ["NestedInNonPartialClass"] = ("public class Outer { [Network(4)] [Dense(2)] public partial class Net { } }", ["NG0017"]),
        ["EnumCastOutOfRange"] = ("[Network(4, Loss = Loss.SquaredError)] [Dense(2, (Activation)int.MaxValue)] public partial class Net { }", ["NG0013"]),
        ["NegativeEnumCast"] = ("[Network(4, Reduction = (Reduction)(-1))] [Dense(2)] public partial class Net { }", ["NG0013"]),
        ["SixtyFiveLayers"] = ("[Network(4, Loss = Loss.SquaredError)] " + string.Concat(Enumerable.Repeat("[Dense(2)] ", 65)) + "public partial class Net { }", ["NG0015"]),
        ["MillionByMillion"] = ("[Network(1000000)] [Dense(1000000)] [Dense(10)] public partial class Net { }", ["NG0014", "NG0016"]),
        ["MaxWidthEverywhere"] = ("[Network(1048576, MaxBatch = 65536)] " + string.Concat(Enumerable.Repeat("[Dense(1048576)] ", 64)) + "public partial class Net { }", ["NG0014", "NG0016"]),
        ["IntMaxUnits"] = ("[Network(4)] [Dense(int.MaxValue)] public partial class Net { }", ["NG0005"]),
        ["IntMinInputs"] = ("[Network(int.MinValue)] [Dense(2)] public partial class Net { }", ["NG0004"]),
        ["IntMaxMaxBatch"] = ("[Network(1048576, MaxBatch = int.MaxValue)] [Dense(1048576)] public partial class Net { }", ["NG0006", "NG0014"]),
        ["EverythingWrongAtOnce"] = ("public class Outer<T> { [Network(0, MaxBatch = -1, Loss = (Loss)5)] [Dense(-1, (Activation)9, WeightInit = (Init)6)] [Dense(0)] public static class Net { } }", ["NG0001", "NG0004", "NG0005", "NG0005", "NG0006", "NG0007", "NG0013", "NG0013", "NG0013", "NG0017", "NG0018"]),
        ["UserMemberNamedLikeGenerated"] = ("[Network(4)] [Dense(2)] public partial class Net { public const int InputSize = 3; }", ["NG0022"]),
    };

    public static TheoryData<string> BrokenCaseNames => new(BrokenCases.Keys);

    [Theory]
    [MemberData(nameof(BrokenCaseNames))]
    public void BrokenDeclaration_NeverCrashesTheGenerator_AndReportsOnlyWhatIsExpected(string name)
    {
        (string declaration, string[] expected) = BrokenCases[name];
        string source = "using NetGen;\n\nnamespace Demo;\n\n" + declaration + "\n";

        // RunOnBrokenCode: no exception, no CS8784/CS8785, cached rerun, no Roslyn object in the pipeline.
        GeneratorRun run = GeneratorDriverHarness.RunOnBrokenCode(source);

        Assert.Equal(expected, DiagnosticAssert.Ids(run.GeneratorDiagnostics));
        if (expected.Any(id => id != "NG0012"))
            Assert.Empty(run.GeneratedSources);
        if (expected.Length == 0)
            Assert.Contains(run.CompilationWarningsAndErrors, d => d.Severity == DiagnosticSeverity.Error);
        AssertGeneratedCodeAddsNoErrorOfItsOwn(run, allowed: null);
    }

    [Fact]
    public void ConstantsFromTheClassItselfAndFromAnotherFile_AreValid()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(
            """
            namespace Demo.Shapes;

            internal static class Sizes
            {
                public const int Inputs = 784;
                public const int Hidden = 50;
            }
            """,
            """
            using NetGen;
            using Demo.Shapes;

            namespace Demo;

            [Network(Sizes.Inputs, MaxBatch = Batch)]
            [Dense(Sizes.Hidden * 2, Activation.ReLU, Bias = Sizes.Hidden > 10)]
            [Dense(Classes)]
            public partial class FromConstants
            {
                private const int Batch = 100;
                private const int Classes = 10;
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        NetworkModel model = run.Model;
        Assert.Equal((784, 100, 10), (model.InputSize, model.MaxBatch, model.OutputSize));
        Assert.Equal((100, Activation.ReLU, true), (model.Layers[0].Units, model.Layers[0].Activation, model.Layers[0].HasBias));
    }

    [Fact]
    public void AttributesWrittenEveryWayTheCompilerAccepts_AreValid()
    {
        GeneratorRun run = GeneratorDriverHarness.Run("""
            using Layer = NetGen.DenseAttribute;
            using static NetGen.Activation;

            namespace Demo;

            [global::NetGen.NetworkAttribute(inputs: 3, MaxBatch = 'a', Loss = NetGen.Loss.HalfSquaredError), Layer(activation: Tanh, units: 5)]
            [Layer(units: 2, Bias = default)]
            public partial class Spelled { }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        NetworkModel model = run.Model;
        Assert.Equal((3, 97, Loss.HalfSquaredError), (model.InputSize, model.MaxBatch, model.Loss));
        Assert.Equal(
            [(5, Activation.Tanh, true), (2, Activation.Identity, false)],
            model.Layers.Select(l => (l.Units, l.Activation, l.HasBias)).ToArray());
    }

    [Fact]
    public void KeywordAndUnicodeNames_AreEscapedAndGenerate()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(
            """
            namespace @event.Сети
            {
                public partial class @class
                {
                    [NetGen.Network(4)]
                    [NetGen.Dense(2)]
                    public partial class @int { }
                }

                [NetGen.Network(4)]
                [NetGen.Dense(2)]
                public partial class Сеть { }
            }
            """);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(
            ["event.Сети.class.int.g.cs", "event.Сети.Сеть.g.cs"],
            run.SurfaceSources.Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(
            [("@event.Сети", "@int"), ("@event.Сети", "Сеть")],
            run.Models.Select(m => (m.Namespace, m.TypeName)).Order().ToArray());
    }

    [Theory]
    [InlineData("public static partial class Holder")]
    [InlineData("internal readonly partial struct Holder")]
    [InlineData("public ref partial struct Holder")]
    [InlineData("public partial interface IHolder")]
    [InlineData("public partial record struct Holder")]
    [InlineData("public abstract partial record Holder")]
    [InlineData("public sealed partial class Holder")]
    public void NetworkNestedInAnyPartialTypeKind_Generates(string container)
    {
        GeneratorRun run = GeneratorDriverHarness.Run(
            "using NetGen;\n\nnamespace Demo;\n\n" + container + "\n{\n    [Network(4)]\n    [Dense(2)]\n    public partial class Net { }\n}\n");

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Single(run.SurfaceSources);
    }

    [Fact]
    public void ManyNetworksInOneCompilation_EachGetsItsOwnFile()
    {
        string networks = string.Concat(Enumerable.Range(1, 20).Select(i =>
            "[Network(" + i + ", Loss = Loss.SquaredError)] [Dense(" + (i % 7 + 1) + ", Activation.Sigmoid)] [Dense(1)] public partial class Net" + i + " { }\n"));
        GeneratorRun run = GeneratorDriverHarness.Run("using NetGen;\n\nnamespace Demo;\n\n" + networks);

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(20, run.SurfaceSources.Select(s => s.HintName).Distinct().Count());
        Assert.Equal(20 * (GeneratedFileWriter.Parts.Length + 1), run.GeneratedSources.Select(s => s.HintName).Distinct().Count());
    }

    /// <summary>When the user's code is broken, the generated files must not be where the errors are (the user's one excepted).</summary>
    private static void AssertGeneratedCodeAddsNoErrorOfItsOwn(GeneratorRun run, string? allowed)
    {
        var generatedTrees = new HashSet<SyntaxTree>(run.GeneratedSources.Select(s => s.SyntaxTree));
        Diagnostic[] inGenerated = run.CompilationWarningsAndErrors
            .Where(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree) && d.Id != allowed)
            .ToArray();
        Assert.True(inGenerated.Length == 0, "Errors in generated code: " + string.Join("; ", inGenerated.Select(d => d.ToString())));
    }
}
