using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator;

namespace NetGen.Package.Tests.Readme;

/// <summary>
/// Compiles a README example in memory with the NetGen generator running, against the shared framework and the
/// runtime (and NetGen.Reporting), the way a .NET 10 console project with the SDK's implicit usings and nullable on builds it.
/// </summary>
internal static partial class ReadmeExampleCompiler
{
    /// <summary>The usings <c>ImplicitUsings</c> gives a console project (Microsoft.NET.Sdk), as a file of global usings.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;

        """;

    /// <summary>The runtime's namespaces, which a fragment may use without saying so.</summary>
    public const string RuntimeUsings = """
        using NetGen;
        using NetGen.Checkpoints;
        using NetGen.Data;
        using NetGen.Reference;
        using NetGen.Reporting;
        using NetGen.Training;

        """;

    // The shared framework plus the runtime, NetGen.Reporting and NetGen.Distributed (the other packages): not the test's other dependencies, since the generator assembly compiles
    // the runtime's enums in too and would make NetGen.Activation ambiguous.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManagedAssembly)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Append(typeof(NetGen.Reporting.TrainingReport).Assembly.Location)
            .Append(typeof(NetGen.Distributed.MpiProgram).Assembly.Location) // the MPI section's example
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    /// <summary>The C# source an example compiles as: the block itself, or the fragment inside its wrapper.</summary>
    /// <param name="example">The example.</param>
    /// <returns>The source, with <c>#line</c> directives pointing back at the README.</returns>
    public static string Source(ReadmeExample example)
    {
        if (example.Fragment is null)
            return "#line " + (example.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " \"README.md\"\n" + example.Code + "\n";

        // A fragment's own using directives go above the wrapper; the rest is the body of Run.
        string[] lines = example.Code.Split('\n');
        int body = 0;
        while (body < lines.Length && (UsingDirective().IsMatch(lines[body]) || lines[body].Trim().Length == 0))
            body++;
        string line = (example.Line + 1 + body).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return RuntimeUsings + string.Join("\n", lines[..body]) + $$"""

            internal static partial class ReadmeFragment
            {
                internal static void Run({{example.Fragment}})
                {
            #line {{line}} "README.md"
            {{string.Join("\n", lines[body..])}}
            #line default
                }

            {{example.Context}}
            }

            """;
    }

    /// <summary>Compiles the example with the generator; returns every warning and error (the generator's too).</summary>
    /// <param name="example">The example.</param>
    /// <returns>The diagnostics of warning or error severity.</returns>
    public static ImmutableArray<Diagnostic> Compile(ReadmeExample example)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Source(example), parse, path: "README.md");
        bool program = tree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [tree, CSharpSyntaxTree.ParseText(ImplicitUsings, parse, path: "ImplicitUsings.cs")],
            References.Value.Concat((example.References ?? []).Select(Extra)),
            new CSharpCompilationOptions(
                program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        CSharpGeneratorDriver.Create(new NetworkGenerator())
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return generatorDiagnostics.Concat(generated.GetDiagnostics())
            .Where(d => d.Severity is DiagnosticSeverity.Warning or DiagnosticSeverity.Error)
            .ToImmutableArray();
    }

    // An assembly a marker names, from the test's own output folder (the package tests reference it).
    private static MetadataReference Extra(string assemblyName)
    {
        string path = Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(path))
            throw new InvalidOperationException($"The README names the reference '{assemblyName}', which is not in {AppContext.BaseDirectory}: add it to tests/NetGen.Package.Tests/NetGen.Package.Tests.csproj.");
        return MetadataReference.CreateFromFile(path);
    }

    // "using NetGen;", "using static X;", "using A = B.C;", not a using declaration ("using var session = ...").
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*using\s+(static\s+)?([\w.]+\s*=\s*)?[\w.]+\s*;\s*$")]
    private static partial System.Text.RegularExpressions.Regex UsingDirective();

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
