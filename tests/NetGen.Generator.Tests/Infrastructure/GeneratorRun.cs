using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>What one run of the generator over a compilation produced.</summary>
/// <param name="Compilation">The compilation the generator ran on.</param>
/// <param name="Driver">The driver after the run, holding the pipeline's cached state for a follow-up run.</param>
/// <param name="OutputCompilation">The compilation with the generated trees added.</param>
/// <param name="Result">The run result of the NetGen generator (the only generator in the driver).</param>
/// <param name="GeneratorDiagnostics">The diagnostics the generator reported (after #pragma filtering).</param>
internal sealed record GeneratorRun(
    CSharpCompilation Compilation,
    GeneratorDriver Driver,
    Compilation OutputCompilation,
    GeneratorRunResult Result,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    /// <summary>The generated sources, in the order the generator added them.</summary>
    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.GeneratedSources;

    /// <summary>The diagnostics of the output compilation at warning severity or above (generator diagnostics excluded).</summary>
    public ImmutableArray<Diagnostic> CompilationWarningsAndErrors =>
        OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

    /// <summary>The diagnostics of the generator with the given id.</summary>
    public ImmutableArray<Diagnostic> Diagnostics(string id) =>
        GeneratorDiagnostics.Where(d => d.Id == id).ToImmutableArray();

    /// <summary>
    /// The models the parser produced in this run (the outputs of the Model step), in pipeline order. Tests that are
    /// about parsing assert on these rather than on emitted text, which the emitter is free to reshape.
    /// </summary>
    public ImmutableArray<NetworkModel> Models =>
        Result.TrackedSteps.TryGetValue(TrackingNames.Model, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? steps.SelectMany(step => step.Outputs)
                .Where(output => output.Reason != IncrementalStepRunReason.Removed)
                .Select(output => (NetworkModel)output.Value)
                .ToImmutableArray()
            : ImmutableArray<NetworkModel>.Empty;

    /// <summary>The single model of this run.</summary>
    public NetworkModel Model => Assert.Single(Models);

    /// <summary>
    /// The generated files a user reads, one per network (<c>Demo.Net.g.cs</c>); the machinery's files beside each
    /// (<c>Demo.Net.Kernels.g.cs</c>, ...) are left out.
    /// </summary>
    public ImmutableArray<GeneratedSourceResult> SurfaceSources =>
        GeneratedSources.Where(s => !GeneratedFileWriter.Parts.Any(part => s.HintName.EndsWith("." + part + ".g.cs", System.StringComparison.Ordinal))).ToImmutableArray();

    /// <summary>The text of the generated source with the given hint name.</summary>
    public string Source(string hintName) =>
        GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();
}
