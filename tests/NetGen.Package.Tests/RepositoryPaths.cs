using System;
using System.IO;

namespace NetGen.Package.Tests;

/// <summary>Where the repository's files are, found by walking up from the test assembly to <c>NetGen.sln</c>.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the folder holding <c>NetGen.sln</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The README, which is also the package's readme.</summary>
    public static string Readme => Path.Combine(Root, "README.md");

    /// <summary>The runtime project, which packs the one NetGen package.</summary>
    public static string RuntimeProject => Path.Combine(Root, "src", "NetGen", "NetGen.csproj");

    /// <summary>The report project, which packs NetGen.Reporting.</summary>
    public static string ReportingProject => Path.Combine(Root, "src", "NetGen.Reporting", "NetGen.Reporting.csproj");

    /// <summary>The generator's folder, with its AnalyzerReleases files.</summary>
    public static string GeneratorDirectory => Path.Combine(Root, "generator", "NetGen.Generator");

    /// <summary>Whether <paramref name="path"/> is the repository root or inside it.</summary>
    public static bool Contains(string path)
    {
        string root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Root)) + Path.DirectorySeparatorChar;
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"NetGen.sln not found above {AppContext.BaseDirectory}.");
    }
}
