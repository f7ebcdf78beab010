using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generator;

namespace NetGen.Package.Tests;

/// <summary>
/// Each example in the README's diagnostics table, run through the generator, reports the diagnostic of its row.
/// An example that is not a whole declaration (no <c>class</c>, like "followed by 65 [Dense(8)]") is described, not run.
/// </summary>
public sealed class ReadmeDiagnosticExamplesTests
{
    // The shared framework plus the runtime: not the test's other dependencies, since the generator assembly compiles
    // the runtime's enums in too and would make NetGen.Activation ambiguous.
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        Directory.EnumerateFiles(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "*.dll")
            .Where(IsManagedAssembly)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

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

    /// <summary>The table's rows whose example is a whole declaration: ID and code.</summary>
    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        MarkdownTable? table = new MarkdownDocument(File.ReadAllText(RepositoryPaths.Readme)).TableUnder(DiagnosticCatalogTests.ReadmeHeading);
        foreach (string[] row in table?.Rows ?? [])
        {
            string code = row.Length > 3 ? row[3].Trim() : "";
            if (code.StartsWith('`') && code.EndsWith('`') && code.Count(c => c == '`') == 2 && code.Contains("class ", StringComparison.Ordinal))
                data.Add(row[0].Trim('`', ' '), code.Trim('`'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void ReadmeExample_ReportsItsDiagnostic(string id, string example)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText("using NetGen;\n" + example, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            "ReadmeExample",
            [tree],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorDriver driver = CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGenerators(compilation);
        ImmutableArray<Diagnostic> reported = driver.GetRunResult().Diagnostics;

        Assert.True(
            reported.Any(d => d.Id == id),
            $"README example for {id} reports [{string.Join(", ", reported.Select(d => d.Id))}] instead:\n{example}\n"
            + string.Join("\n", reported.Select(d => d.ToString())));
        Assert.DoesNotContain(reported, d => d.Id == "CS8785");
    }
}
