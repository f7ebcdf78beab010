using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace NetGen.Package.Tests;

/// <summary>
/// The runtime documents every public type and member: it writes its XML docs (they ship in the package), and a
/// missing doc comment (CS1591) is an error that nothing suppresses. It declares itself trimmable and AOT-compatible,
/// so its build runs the trim and AOT analyzers with warnings as errors.
/// </summary>
public sealed class RuntimeProjectTests
{
    private static readonly string[] Properties =
        ["GenerateDocumentationFile", "TreatWarningsAsErrors", "NoWarn", "WarningsNotAsErrors", "IsAotCompatible", "IsTrimmable", "EnableTrimAnalyzer", "EnableAotAnalyzer"];

    [Fact]
    public void RuntimeProject_WritesXmlDocs_AndMissingDocsAreErrors_AndItIsTrimAndAotClean()
    {
        string[] arguments = ["msbuild", RepositoryPaths.RuntimeProject, "-p:Configuration=Release", .. Properties.Select(p => "-getProperty:" + p)];
        ProcessResult evaluation = DotNetCli.Run(RepositoryPaths.Root, TimeSpan.FromMinutes(2), new Dictionary<string, string?>(), arguments);
        Assert.True(evaluation.ExitCode == 0, evaluation.Describe());
        JsonElement values = JsonDocument.Parse(evaluation.Output[evaluation.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("Properties");
        string Value(string name) => values.GetProperty(name).GetString() ?? "";

        Assert.Equal("true", Value("GenerateDocumentationFile"), ignoreCase: true);
        Assert.Equal("true", Value("TreatWarningsAsErrors"), ignoreCase: true);
        Assert.DoesNotContain(Codes(Value("NoWarn")), IsMissingDocWarning);
        Assert.DoesNotContain(Codes(Value("WarningsNotAsErrors")), IsMissingDocWarning);
        Assert.Equal("true", Value("IsAotCompatible"), ignoreCase: true);
        Assert.Equal("true", Value("IsTrimmable"), ignoreCase: true);
        Assert.Equal("true", Value("EnableTrimAnalyzer"), ignoreCase: true);
        Assert.Equal("true", Value("EnableAotAnalyzer"), ignoreCase: true);
    }

    [Fact]
    public void RuntimeSources_DoNotSuppressMissingDocs()
    {
        string runtime = Path.GetDirectoryName(RepositoryPaths.RuntimeProject)!;
        IEnumerable<string> files = Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Root, ".editorconfig", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(RepositoryPaths.Root, "*.globalconfig", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        string[] suppressing = files.Where(f => File.ReadLines(f).Any(l => l.Contains("1591", StringComparison.Ordinal))).ToArray();

        Assert.Empty(suppressing);
    }

    private static IEnumerable<string> Codes(string list) =>
        list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsMissingDocWarning(string code) => code is "CS1591" or "1591";
}
