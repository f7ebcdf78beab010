extern alias NetGenGenerator;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetworkGenerator = NetGenGenerator::NetGen.Generator.NetworkGenerator;

namespace NetGen.IntegrationTests.RandomNetworks;

/// <summary>
/// Compiles source that declares networks, with the NetGen generator, into an assembly loaded in a collectible
/// <see cref="AssemblyLoadContext"/>; its networks share this process's NetGen runtime, so they cast to
/// <see cref="INetwork"/>.
/// </summary>
internal sealed class InProcessCompiler : IDisposable
{
    private readonly AssemblyLoadContext _context = new("netgen-random-networks", isCollectible: true);

    /// <summary>Generates, compiles and loads; throws with every diagnostic of warning severity or above.</summary>
    public Assembly Compile(string source, string assemblyName)
    {
        // Documentation comments are checked as in a project with GenerateDocumentationFile: CS1591 and friends are errors.
        var parse = new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, parse, path: assemblyName + ".cs") },
            References(),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                warningLevel: 9999));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ThrowOnProblems("generator", generatorDiagnostics);
        GenerateTime = clock.Elapsed;
        GeneratedLines = output.SyntaxTrees.Sum(tree => tree.GetText().Lines.Count);

        using var stream = new MemoryStream();
        using var documentation = new MemoryStream();
        clock.Restart();
        var result = output.Emit(stream, xmlDocumentationStream: documentation);
        EmitTime = clock.Elapsed;
        ThrowOnProblems("compiler", result.Diagnostics);
        if (!result.Success)
            throw new InvalidOperationException("The compilation failed without diagnostics.");
        stream.Position = 0;
        return _context.LoadFromStream(stream);
    }

    /// <summary>How long the generator took (the last compilation).</summary>
    public TimeSpan GenerateTime { get; private set; }

    /// <summary>How long checking and emitting took (the last compilation).</summary>
    public TimeSpan EmitTime { get; private set; }

    /// <summary>The lines of source in the last compilation, generated ones included.</summary>
    public int GeneratedLines { get; private set; }

    public void Dispose() => _context.Unload();

    private static IEnumerable<MetadataReference> References()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(INetwork).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
    }

    private static void ThrowOnProblems(string stage, IEnumerable<Diagnostic> diagnostics)
    {
        Diagnostic[] problems = diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        if (problems.Length > 0)
            throw new InvalidOperationException($"The {stage} reported:\n" + string.Join('\n', problems.Take(20).Select(d => d.ToString())));
    }
}
