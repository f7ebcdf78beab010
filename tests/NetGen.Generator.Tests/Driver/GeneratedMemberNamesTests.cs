using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Driver;

/// <summary>
/// Keeps <see cref="KnownNames.IsGeneratedMemberName"/> honest against the emitter: every member the generated trainer
/// declares in the network class (any accessibility, nested types included) is recognised, every fixed name the list holds is emitted by some network, and names the trainer does not use are free.
/// NG0022 relies on the list to report a colliding user member instead of a compiler error inside generated code.
/// </summary>
public sealed class GeneratedMemberNamesTests
{
    /// <summary>Declarations that between them reach every shape-dependent member of the emitter.</summary>
    private static readonly Dictionary<string, string> Networks = new()
    {
        ["SoftmaxRegression"] = """
            [Network(784, MaxBatch = 100)]
            [Dense(10, Bias = false, WeightInit = Init.Zeros)]
            public partial class Net { }
            """,
        ["Hw0"] = """
            [Network(784, Loss = Loss.SoftmaxCrossEntropy, MaxBatch = 100)]
            [Dense(100, Activation.ReLU, Bias = false)]
            [Dense(10, Bias = false)]
            public partial class Net { }
            """,
        ["DeepSmoothWithBiases"] = """
            [Network(17, Loss = Loss.HalfSquaredError, MaxBatch = 33)]
            [Dense(33, Activation.Tanh, WeightInit = Init.XavierUniform)]
            [Dense(9, Activation.Sigmoid, WeightInit = Init.HeNormal)]
            [Dense(7, Activation.Softplus)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net { }
            """,
        ["DeepReLUClassifier"] = """
            [Network(64, MaxBatch = 1)]
            [Dense(40, Activation.ReLU)]
            [Dense(20, Activation.ReLU)]
            [Dense(5)]
            public partial class Net { }
            """,
        ["Regressor"] = """
            [Network(1, Loss = Loss.SquaredError, Reduction = Reduction.Sum, MaxBatch = 3)]
            [Dense(2, Activation.Softplus)]
            [Dense(1)]
            public partial class Net { }
            """,
    };

    public static TheoryData<string> NetworkNames => new(Networks.Keys);

    [Theory]
    [MemberData(nameof(NetworkNames))]
    public void EveryMemberOfTheGeneratedClass_IsAGeneratedMemberName(string network)
    {
        (int layers, List<string> declared) = GenerateAndCollect(network);

        string[] unknown = declared.Where(name => !KnownNames.IsGeneratedMemberName(name, layers)).Distinct().ToArray();
        Assert.True(unknown.Length == 0, "KnownNames misses names the trainer declares: " + string.Join(", ", unknown));
    }

    [Fact]
    public void EveryFixedNameOfTheList_IsDeclaredBySomeNetwork()
    {
        var declared = new HashSet<string>(Networks.Keys.SelectMany(network => GenerateAndCollect(network).Names));

        string[] stale = KnownNames.GeneratedMemberNames
            .Concat(KnownNames.PrivateMemberNames)
            .Where(name => !declared.Contains(name))
            .ToArray();
        Assert.True(stale.Length == 0, "KnownNames lists names no network declares: " + string.Join(", ", stale));

        // Each per-layer pattern is used for some layer (the four-layer network has layers 1 to 4).
        foreach ((string prefix, string suffix) in KnownNames.PerLayerMemberNames)
            Assert.True(
                Enumerable.Range(1, 4).Any(n => declared.Contains(prefix + n + suffix)),
                "No network declares a member " + prefix + "{n}" + suffix);
    }

    [Theory]
    [InlineData("Train")]
    [InlineData("_model")]
    [InlineData("Layer1")]
    [InlineData("Helper")]
    [InlineData("Weights")]
    [InlineData("Forwards")]
    [InlineData("W3")]
    [InlineData("W0")]
    [InlineData("W01")]
    [InlineData("WOffset")]
    [InlineData("L3Units")]
    [InlineData("ForwardLayer3")]
    [InlineData("ForwardLayer")]
    [InlineData("_z0")]
    [InlineData("_z3")]
    [InlineData("_w1")]
    [InlineData("_wt")]
    [InlineData("_parameters2")]
    [InlineData("lanes")]
    [InlineData("Vector")]
    [InlineData("Vec")]
    [InlineData("Unsafe")]
    public void NamesTheTrainerDoesNotUse_AreFree_InATwoLayerNetwork(string name) =>
        Assert.False(KnownNames.IsGeneratedMemberName(name, 2));

    /// <summary>
    /// Runs the generator on the declaration <paramref name="network"/> and returns its layer count and the names of every
    /// member declared directly in the generated class. The generated file must declare no using alias: an alias can be
    /// captured by the user's declarations around the network (see ShadowingTests).
    /// </summary>
    private static (int Layers, List<string> Names) GenerateAndCollect(string network)
    {
        GeneratorRun run = GeneratorDriverHarness.Run("using NetGen;\n\nnamespace Demo;\n\n" + Networks[network] + "\n");
        Assert.Empty(run.GeneratorDiagnostics);
        var names = new List<string>();
        foreach (GeneratedSourceResult source in run.GeneratedSources)
        {
            SyntaxNode root = source.SyntaxTree.GetRoot();
            Assert.Empty(root.DescendantNodes().OfType<UsingDirectiveSyntax>());
            ClassDeclarationSyntax type = root.DescendantNodes().OfType<ClassDeclarationSyntax>().First(c => c.Identifier.ValueText == "Net");
            Collect(network, type, names);
        }

        return (run.Model.Layers.Count, names);
    }

    /// <summary>Adds the names of the members declared directly in <paramref name="type"/> (one part of the generated class).</summary>
    private static void Collect(string network, ClassDeclarationSyntax type, List<string> names)
    {
        foreach (MemberDeclarationSyntax member in type.Members)
        {
            switch (member)
            {
                case BaseFieldDeclarationSyntax field:
                    names.AddRange(field.Declaration.Variables.Select(v => v.Identifier.ValueText));
                    break;
                case PropertyDeclarationSyntax property:
                    if (property.ExplicitInterfaceSpecifier is null)
                        names.Add(property.Identifier.ValueText);
                    break;
                case MethodDeclarationSyntax method:
                    if (method.ExplicitInterfaceSpecifier is null)
                        names.Add(method.Identifier.ValueText);
                    break;
                case BaseTypeDeclarationSyntax nested:
                    names.Add(nested.Identifier.ValueText);
                    break;
                default:
                    // A new kind of member (an event, an indexer, a delegate...) needs a case here before its name is trusted.
                    Assert.Fail("Unexpected member kind " + member.Kind() + " in the generated class of " + network + ": " + member);
                    break;
            }
        }
    }
}
