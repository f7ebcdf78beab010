using System;
using System.IO;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>Where this test project and the repository sit on disk, found by walking up to the project file.</summary>
internal static class RepositoryPaths
{
    private const string ProjectFile = "NetGen.Generator.Tests.csproj";

    /// <summary>The directory of NetGen.Generator.Tests.csproj, found above <paramref name="sourceFile"/> or, failing that, above the test binaries.</summary>
    public static string ProjectDirectory(string sourceFile = "") =>
        FindProjectDirectory(Path.GetDirectoryName(sourceFile))
        ?? FindProjectDirectory(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("Cannot find " + ProjectFile + " above '" + sourceFile + "' or " + AppContext.BaseDirectory + ".");

    /// <summary>The repository root: two levels above this project (tests/NetGen.Generator.Tests).</summary>
    public static string Root => Path.GetFullPath(Path.Combine(ProjectDirectory(), "..", ".."));

    /// <summary>The generator project's directory.</summary>
    public static string GeneratorDirectory => Path.Combine(Root, "generator", "NetGen.Generator");

    private static string? FindProjectDirectory(string? start)
    {
        for (string? directory = start; !string.IsNullOrEmpty(directory); directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, ProjectFile)))
                return directory;
        }

        return null;
    }
}
