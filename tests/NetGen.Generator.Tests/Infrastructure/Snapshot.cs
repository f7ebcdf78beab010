using System.IO;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// The snapshot entry points of the tests: they name the files after the calling test (class from the caller's
/// file name, one type per file; method from the caller's member name) and keep them in this project's
/// <c>Snapshots/</c> folder.
/// </summary>
internal static class Snapshot
{
    /// <summary>Verifies every source generated in <paramref name="run"/>; fails when there is none.</summary>
    /// <param name="run">The generator run.</param>
    /// <param name="parameters">For a theory, the case (e.g. <c>shape=Deep</c>), appended to the method name as Verify does.</param>
    /// <param name="callerFile">Filled by the compiler.</param>
    /// <param name="callerMember">Filled by the compiler.</param>
    public static void VerifyGenerated(GeneratorRun run, string? parameters = null, [CallerFilePath] string callerFile = "", [CallerMemberName] string callerMember = "")
    {
        Assert.True(run.GeneratedSources.Length > 0, "The generator produced no source.");
        foreach (GeneratedSourceResult generated in run.GeneratedSources)
            Verify(generated.SourceText.ToString(), generated.HintName, parameters, callerFile, callerMember);
    }

    /// <summary>Verifies <paramref name="source"/> as the file <paramref name="hintName"/> of the calling test.</summary>
    /// <param name="source">The generated text.</param>
    /// <param name="hintName">The hint name the source is (or would be) added under.</param>
    /// <param name="parameters">For a theory, the case (e.g. <c>shape=Deep</c>), appended to the method name as Verify does.</param>
    /// <param name="callerFile">Filled by the compiler.</param>
    /// <param name="callerMember">Filled by the compiler.</param>
    public static void Verify(string source, string hintName, string? parameters = null, [CallerFilePath] string callerFile = "", [CallerMemberName] string callerMember = "")
    {
        string testName = Path.GetFileNameWithoutExtension(callerFile) + "." + callerMember + (parameters is null ? string.Empty : "_" + parameters);
        new SnapshotVerifier(Directory(callerFile), SnapshotVerifier.AcceptFromEnvironment).Verify(testName, hintName, source);
    }

    /// <summary>The <c>Snapshots/</c> folder beside this project's csproj.</summary>
    private static string Directory(string callerFile) => Path.Combine(RepositoryPaths.ProjectDirectory(callerFile), "Snapshots");
}
