using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Driver;

/// <summary>
/// Explicit edit scenarios (R16): what an edit re-runs, step by step. The harness already proves that an unchanged
/// compilation is fully cached; these prove the pipeline is split where it should be.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Network = """
        using NetGen;

        namespace Demo;

        [Network(4, Loss = Loss.SquaredError)]
        [Dense(8, Activation.Tanh)]
        [Dense(2)]
        public partial class Regressor { }
        """;

    private const string ZeroInitNetwork = """
        using NetGen;

        namespace Demo;

        [Network(4, Loss = Loss.SquaredError)]
        [Dense(8, Activation.Tanh, WeightInit = Init.Zeros)]
        [Dense(2)]
        public partial class Regressor { }
        """;

    private const string Unrelated = """
        namespace Demo;

        internal static class Unrelated
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    private static readonly IncrementalStepRunReason[] CachedOrUnchanged = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    [Fact]
    public void CommentAddedToUnrelatedFile_LeavesEveryStepAndTheOutputCached()
    {
        (GeneratorRun first, GeneratorRun second) = RunEdit([Network, Unrelated], 1, Unrelated + "\n// a comment\n");

        AssertStep(second, TrackingNames.Parse, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Model, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Plan, CachedOrUnchanged);
        AssertOutputs(second, TrackingNames.Plan, IncrementalStepRunReason.Cached);
        Assert.Equal(first.Source("Demo.Regressor.g.cs"), second.Source("Demo.Regressor.g.cs"));
    }

    [Fact]
    public void UnrelatedFileEdited_LeavesEveryStepAndTheOutputCached()
    {
        (_, GeneratorRun second) = RunEdit([Network, Unrelated], 1, Unrelated.Replace("2 * x", "x + x", StringComparison.Ordinal));

        AssertStep(second, TrackingNames.Parse, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Model, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Plan, CachedOrUnchanged);
        AssertOutputs(second, TrackingNames.Plan, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void UnrelatedTypeAdded_LeavesTheOutputCached()
    {
        GeneratorRun first = GeneratorDriverHarness.RunOnce(GeneratorDriverHarness.CreateCompilation(Network));
        CSharpCompilation edited = first.Compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(Unrelated, GeneratorDriverHarness.ParseOptions, path: "Added.cs"));

        GeneratorRun second = GeneratorDriverHarness.RunOnce(edited, first.Driver);

        AssertStep(second, TrackingNames.Parse, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Model, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Plan, CachedOrUnchanged);
        AssertOutputs(second, TrackingNames.Plan, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void CommentAddedInsideTheNetworkFile_ReparsesButLeavesTheModelAndOutputCached()
    {
        (_, GeneratorRun second) = RunEdit([Network], 0, Network.Replace("public partial class Regressor { }", "// the course's regressor\npublic partial class Regressor { }", StringComparison.Ordinal));

        AssertStep(second, TrackingNames.Parse, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Model, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Plan, CachedOrUnchanged);
        AssertOutputs(second, TrackingNames.Plan, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void LayerWidthChanged_ModifiesTheModelAndTheOutput()
    {
        (GeneratorRun first, GeneratorRun second) = RunEdit([Network, Unrelated], 0, Network.Replace("[Dense(8,", "[Dense(9,", StringComparison.Ordinal));

        AssertStep(second, TrackingNames.Parse, [IncrementalStepRunReason.Modified]);
        AssertStep(second, TrackingNames.Model, [IncrementalStepRunReason.Modified]);
        AssertStep(second, TrackingNames.Plan, [IncrementalStepRunReason.Modified]);
        AssertOutputs(second, TrackingNames.Plan, IncrementalStepRunReason.Modified);
        Assert.NotEqual(first.Source("Demo.Regressor.g.cs"), second.Source("Demo.Regressor.g.cs"));
        Assert.Equal(9, second.Model.Layers[0].Units);
    }

    [Fact]
    public void OnlyADiagnosticsLocationMoved_RerunsDiagnostics_ButLeavesTheModelAndSourceCached()
    {
        (GeneratorRun first, GeneratorRun second) = RunEdit([ZeroInitNetwork], 0, "\n\n\n" + ZeroInitNetwork);

        Assert.Equal(6, Assert.Single(first.Diagnostics("NG0012")).Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal(9, Assert.Single(second.Diagnostics("NG0012")).Location.GetLineSpan().StartLinePosition.Line + 1);
        AssertStep(second, TrackingNames.Diagnostics, [IncrementalStepRunReason.Modified]);
        AssertOutputs(second, TrackingNames.Diagnostics, IncrementalStepRunReason.Modified);
        AssertStep(second, TrackingNames.Model, CachedOrUnchanged);
        AssertStep(second, TrackingNames.Plan, CachedOrUnchanged);
        AssertOutputs(second, TrackingNames.Plan, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void ErrorFixed_GeneratesTheSource()
    {
        (GeneratorRun first, GeneratorRun second) = RunEdit([Network], 0, Network.Replace("[Dense(8,", "[Dense(0,", StringComparison.Ordinal));
        Assert.Single(first.GeneratedSources);
        Assert.Empty(second.GeneratedSources);
        Assert.Single(second.Diagnostics("NG0005"));

        GeneratorRun third = GeneratorDriverHarness.RunOnce(
            second.Compilation.ReplaceSyntaxTree(second.Compilation.SyntaxTrees.Single(), Parse(Network, "Source0.cs")),
            second.Driver);

        Assert.Empty(third.GeneratorDiagnostics);
        Assert.Equal(first.Source("Demo.Regressor.g.cs"), third.Source("Demo.Regressor.g.cs"));
    }

    /// <summary>Runs on <paramref name="sources"/>, replaces source <paramref name="index"/> by <paramref name="edited"/>, and runs again with the same driver.</summary>
    private static (GeneratorRun First, GeneratorRun Second) RunEdit(string[] sources, int index, string edited)
    {
        GeneratorRun first = GeneratorDriverHarness.RunOnce(GeneratorDriverHarness.CreateCompilation(sources));
        SyntaxTree old = first.Compilation.SyntaxTrees.ElementAt(index);
        GeneratorRun second = GeneratorDriverHarness.RunOnce(first.Compilation.ReplaceSyntaxTree(old, Parse(edited, old.FilePath)), first.Driver);
        return (first, second);
    }

    private static SyntaxTree Parse(string text, string path) =>
        CSharpSyntaxTree.ParseText(text, GeneratorDriverHarness.ParseOptions, path: path);

    /// <summary>Every output of the tracked step <paramref name="step"/> ran for one of <paramref name="allowed"/>; there is at least one.</summary>
    private static void AssertStep(GeneratorRun run, string step, IncrementalStepRunReason[] allowed)
    {
        IncrementalStepRunReason[] reasons = run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Contains(reason, allowed));
    }

    /// <summary>Every source output fed by the step <paramref name="inputStep"/> ran for <paramref name="expected"/>; there is at least one.</summary>
    private static void AssertOutputs(GeneratorRun run, string inputStep, IncrementalStepRunReason expected)
    {
        IncrementalStepRunReason[] reasons = OutputsFedBy(run.Result, inputStep).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Equal(expected, reason));
    }

    private static IEnumerable<IncrementalGeneratorRunStep> OutputsFedBy(GeneratorRunResult result, string inputStep) =>
        result.TrackedOutputSteps
            .SelectMany(pair => pair.Value)
            .Where(step => step.Inputs.Any(input => input.Source.Name == inputStep));

    /// <summary>The tracked steps are named as TrackingNames says (a renamed step would make every assertion here vacuous).</summary>
    [Fact]
    public void TrackingNames_AreTheNamesOfTheGeneratorsSteps()
    {
        GeneratorRun run = GeneratorDriverHarness.RunOnce(GeneratorDriverHarness.CreateCompilation(ZeroInitNetwork, "[NetGen.Dense(2)] partial class Orphan { }"));

        ImmutableArray<string> names = run.Result.TrackedSteps.Keys.ToImmutableArray();
        Assert.Contains(TrackingNames.Parse, names);
        Assert.Contains(TrackingNames.Diagnostics, names);
        Assert.Contains(TrackingNames.Model, names);
        Assert.Contains(TrackingNames.Plan, names);
        Assert.Contains(TrackingNames.OrphanLayers, names);
    }
}
