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
        // The runtime's sources, and every analyzer config that applies to them: .editorconfig and .globalconfig files
        // in the project folder, below it, or in a folder above it up to the repository root.
        string runtime = Path.GetDirectoryName(RepositoryPaths.RuntimeProject)!;
        var files = new List<string>(Directory.EnumerateFiles(runtime, "*.cs", SearchOption.AllDirectories));
        files.AddRange(Directory.EnumerateFiles(runtime, "*.editorconfig", SearchOption.AllDirectories));
        files.AddRange(Directory.EnumerateFiles(runtime, "*.globalconfig", SearchOption.AllDirectories));
        for (DirectoryInfo? dir = new DirectoryInfo(runtime).Parent; dir is not null && RepositoryPaths.Contains(dir.FullName); dir = dir.Parent)
            files.AddRange(dir.EnumerateFiles("*config").Where(f => f.Name is ".editorconfig" or ".globalconfig").Select(f => f.FullName));
        string separator = Path.DirectorySeparatorChar.ToString();

        string[] suppressing = files
            .Where(f => !f.Contains(separator + "obj" + separator, StringComparison.Ordinal) && !f.Contains(separator + "bin" + separator, StringComparison.Ordinal))
            .Where(f => File.ReadLines(f).Any(l => l.Contains("1591", StringComparison.Ordinal)))
            .ToArray();

        Assert.Empty(suppressing);
    }

    private static IEnumerable<string> Codes(string list) =>
        list.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsMissingDocWarning(string code) => code is "CS1591" or "1591";
}
