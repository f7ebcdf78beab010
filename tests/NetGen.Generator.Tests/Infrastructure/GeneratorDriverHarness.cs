using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="NetworkGenerator"/> over source strings the way the compiler does, and checks what every
/// scenario must satisfy (house style R16): the generator never fails, the output compiles without a warning,
/// a second run over an unchanged compilation is fully cached, and no pipeline value holds a Roslyn object.
/// </summary>
internal static class GeneratorDriverHarness
{
    /// <summary>The tracking names of NetGen's own pipeline steps (Roslyn's internal FAWMN steps hold syntax by design).</summary>
    public static readonly ImmutableArray<string> OwnSteps =
        ImmutableArray.Create(TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Model, TrackingNames.OrphanLayers);

    /// <summary>The parse options of every test compilation, and of the generated trees.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            // Bind XML doc comments, as a project with GenerateDocumentationFile does: malformed docs in generated
            // code would break such a project under TreatWarningsAsErrors.
            .WithDocumentationMode(DocumentationMode.Diagnose);

    /// <summary>The compilation options of every test compilation: nullable enabled, every warning wave on.</summary>
    public static readonly CSharpCompilationOptions CompilationOptions =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithWarningLevel(9999)
            .WithDeterministic(true);

    /// <summary>
    /// The main entry point: runs the generator on <paramref name="sources"/>, which must compile, and asserts that
    /// the generator did not fail, that the output compilation has no warning or error, that a second run over a
    /// clone is entirely cached, and that no tracked value holds a symbol, syntax node or compilation.
    /// Generator diagnostics are returned for the test to assert (an invalid declaration can be valid C#).
    /// </summary>
    public static GeneratorRun Run(params string[] sources)
    {
        GeneratorRun run = RunOnce(CreateCompilation(sources));
        AssertCompilesClean(run);
        AssertCachedOnRerun(run);
        AssertNoRoslynObjectsInPipeline(run.Result);
        return run;
    }

    /// <summary>
    /// Like <see cref="Run"/> for sources that do not compile on purpose (syntax errors, wrong argument types):
    /// every check except "the output compiles clean".
    /// </summary>
    public static GeneratorRun RunOnBrokenCode(params string[] sources)
    {
        GeneratorRun run = RunOnce(CreateCompilation(sources));
        AssertCachedOnRerun(run);
        AssertNoRoslynObjectsInPipeline(run.Result);
        return run;
    }

    /// <summary>A compilation of <paramref name="sources"/>, the i-th parsed from the file <c>Source{i}.cs</c>.</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CreateCompilation(ParseOptions, CompilationOptions, sources);

    /// <summary>Like <see cref="CreateCompilation(string[])"/> with a consumer's own parse and compilation options.</summary>
    public static CSharpCompilation CreateCompilation(CSharpParseOptions parseOptions, CSharpCompilationOptions compilationOptions, params string[] sources) =>
        CSharpCompilation.Create(
            "NetGenTestAssembly",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: "Source" + i + ".cs")),
            TestReferences.All,
            compilationOptions);

    /// <summary>Compiles <paramref name="library"/> to an in-memory assembly and references it, as a package would be.</summary>
    public static MetadataReference ToReference(Compilation library)
    {
        using var image = new System.IO.MemoryStream();
        Xunit.Assert.True(library.Emit(image).Success, "The library does not compile.");
        return MetadataReference.CreateFromImage(image.ToArray());
    }

    /// <summary>
    /// A fresh driver holding the NetGen generator, tracking its steps; the generated trees are parsed with
    /// <paramref name="parseOptions"/> (the compiler uses the project's own), <see cref="ParseOptions"/> when null.
    /// </summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// One run of <paramref name="driver"/> (a fresh one when null) over <paramref name="compilation"/>, checked only
    /// for generator failure. Incrementality tests chain these runs.
    /// </summary>
    public static GeneratorRun RunOnce(CSharpCompilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver())
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult runResult = driver.GetRunResult();
        Assert.Single(runResult.Results);
        var run = new GeneratorRun(compilation, driver, output, runResult.Results[0], diagnostics);
        AssertGeneratorDidNotFail(run);
        return run;
    }

    /// <summary>No exception escaped the generator, and the compiler reported no generator failure (CS8784, CS8785).</summary>
    public static void AssertGeneratorDidNotFail(GeneratorRun run)
    {
        Assert.True(run.Result.Exception is null, "The generator threw: " + run.Result.Exception);
        Diagnostic[] failures = run.GeneratorDiagnostics
            .Concat(run.Result.Diagnostics)
            .Where(d => d.Id is "CS8784" or "CS8785")
            .ToArray();
        Assert.True(failures.Length == 0, "The generator failed: " + string.Join(Environment.NewLine, failures.Select(d => d.ToString())));
    }

    /// <summary>
    /// The output compilation has no diagnostic of warning severity or above. CS1591 (missing XML comment) is allowed
    /// in the test's own sources only: the generated code must document every public member it adds.
    /// </summary>
    public static void AssertCompilesClean(GeneratorRun run)
    {
        var generatedTrees = new HashSet<SyntaxTree>(run.GeneratedSources.Select(s => s.SyntaxTree));
        Diagnostic[] problems = run.CompilationWarningsAndErrors
            .Where(d => !(d.Id == "CS1591" && d.Location.SourceTree is { } tree && !generatedTrees.Contains(tree)))
            .ToArray();
        if (problems.Length == 0)
            return;

        var message = new StringBuilder("The output compilation has warnings or errors:");
        foreach (Diagnostic diagnostic in problems)
        {
            message.AppendLine().Append("  ").Append(diagnostic);
            if (diagnostic.Location.SourceTree is { } tree && diagnostic.Location.IsInSource)
            {
                int line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
                message.AppendLine().Append("    > ").Append(tree.GetText().Lines[line].ToString().Trim());
            }
        }

        Assert.Fail(message.ToString());
    }

    /// <summary>
    /// A second run over <c>Compilation.Clone()</c> (same trees, new compilation object) leaves every NetGen step
    /// <c>Cached</c> or <c>Unchanged</c> and every output <c>Cached</c>.
    /// </summary>
    public static void AssertCachedOnRerun(GeneratorRun run)
    {
        GeneratorRun rerun = RunOnce(run.Compilation.Clone(), run.Driver);

        var problems = new List<string>();
        foreach (string step in OwnSteps)
        {
            if (!rerun.Result.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs))
                continue;
            foreach (IncrementalGeneratorRunStep stepRun in runs)
                foreach ((object _, IncrementalStepRunReason reason) in stepRun.Outputs)
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                        problems.Add("step " + step + " output was " + reason);
        }

        foreach (KeyValuePair<string, ImmutableArray<IncrementalGeneratorRunStep>> output in rerun.Result.TrackedOutputSteps)
            foreach (IncrementalGeneratorRunStep stepRun in output.Value)
                foreach ((object _, IncrementalStepRunReason reason) in stepRun.Outputs)
                    if (reason != IncrementalStepRunReason.Cached)
                        problems.Add("output " + output.Key + " was " + reason);

        Assert.True(problems.Count == 0, "A rerun over an unchanged compilation was not cached: " + string.Join("; ", problems));
        Assert.Equal(
            run.GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText),
            rerun.GeneratedSources.Select(s => s.HintName + "\n" + s.SourceText));
    }

    /// <summary>No output of a NetGen step holds a symbol, syntax node, compilation or other Roslyn object (a SyntaxTree is allowed).</summary>
    public static void AssertNoRoslynObjectsInPipeline(GeneratorRunResult result)
    {
        foreach (string step in OwnSteps)
        {
            if (!result.TrackedSteps.TryGetValue(step, out ImmutableArray<IncrementalGeneratorRunStep> runs))
                continue;
            foreach (IncrementalGeneratorRunStep stepRun in runs)
                foreach ((object value, IncrementalStepRunReason _) in stepRun.Outputs)
                {
                    string? forbidden = RoslynObjectWalker.FindForbidden(value, step);
                    Assert.True(forbidden is null, "A pipeline value holds a Roslyn object: " + forbidden);
                }
        }
    }
}
