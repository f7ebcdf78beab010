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
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
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

        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: parse);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ThrowOnProblems("generator", generatorDiagnostics);

        using var stream = new MemoryStream();
        var result = output.Emit(stream);
        ThrowOnProblems("compiler", result.Diagnostics);
        if (!result.Success)
            throw new InvalidOperationException("The compilation failed without diagnostics.");
        stream.Position = 0;
        return _context.LoadFromStream(stream);
    }

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
