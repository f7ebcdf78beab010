using System;
using System.IO;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated source with an approved file, the way Verify.SourceGenerators does (house style R15):
/// <c>{TestClass}.{TestMethod}#{HintName without .cs}.verified.cs</c> beginning with <c>//HintName: {HintName}</c>.
/// A mismatch or a missing approved file writes <c>….received.cs</c> beside it and fails with a unified diff;
/// with <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> the received text becomes the approved file instead.
/// </summary>
internal sealed partial class SnapshotVerifier
{
    /// <summary>The environment variable that accepts received snapshots: <c>NETGEN_ACCEPT_SNAPSHOTS=1</c>.</summary>
    public const string AcceptVariable = "NETGEN_ACCEPT_SNAPSHOTS";

    private const string VersionToken = "<ASSEMBLY_VERSION>";

    private readonly string _directory;
    private readonly bool _accept;

    /// <summary>A verifier over the snapshot files in <paramref name="directory"/>.</summary>
    /// <param name="directory">Where the verified and received files live.</param>
    /// <param name="accept">Whether a differing or missing snapshot is accepted (written as verified) instead of failing.</param>
    public SnapshotVerifier(string directory, bool accept)
    {
        _directory = directory;
        _accept = accept;
    }

    /// <summary>Whether <see cref="AcceptVariable"/> is set to 1 in this process.</summary>
    public static bool AcceptFromEnvironment => Environment.GetEnvironmentVariable(AcceptVariable) == "1";

    /// <summary>The file name without <c>.verified.cs</c>: <c>{testName}#{hintName minus .cs}</c>.</summary>
    public static string FileStem(string testName, string hintName) =>
        testName + "#" + (hintName.EndsWith(".cs", StringComparison.Ordinal) ? hintName[..^3] : hintName);

    /// <summary>The snapshot text: the <c>//HintName:</c> line, then the source with '\n' line endings and the generator version scrubbed.</summary>
    public static string Render(string hintName, string source) => "//HintName: " + hintName + "\n" + Normalize(source);

    /// <summary>'\n' line endings; the version in <c>[GeneratedCode("NetGen.Generator", "…")]</c> replaced by <c>&lt;ASSEMBLY_VERSION&gt;</c>.</summary>
    public static string Normalize(string source) =>
        GeneratedCodeVersion().Replace(source.Replace("\r\n", "\n", StringComparison.Ordinal), "${prefix}" + VersionToken + "${suffix}");

    /// <summary>Checks <paramref name="source"/> against the approved snapshot of <paramref name="testName"/> and <paramref name="hintName"/>.</summary>
    public void Verify(string testName, string hintName, string source)
    {
        string stem = FileStem(testName, hintName);
        string verifiedPath = Path.Combine(_directory, stem + ".verified.cs");
        string receivedPath = Path.Combine(_directory, stem + ".received.cs");
        string received = Render(hintName, source);

        string? verified = File.Exists(verifiedPath) ? Normalize(File.ReadAllText(verifiedPath)) : null;
        if (verified == received)
        {
            File.Delete(receivedPath);
            return;
        }

        if (_accept)
        {
            Directory.CreateDirectory(_directory);
            File.WriteAllText(verifiedPath, received);
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(_directory);
        File.WriteAllText(receivedPath, received);
        string howToAccept = "Review it, then rename it to " + Path.GetFileName(verifiedPath) + " or rerun with " + AcceptVariable + "=1.";
        if (verified is null)
            throw new XunitException("No approved snapshot " + verifiedPath + ". The received source was written to " + receivedPath + ". " + howToAccept);

        string diff = LineDiff.Unified(verified, received, "verified: " + verifiedPath, "received: " + receivedPath);
        throw new XunitException("The generated source differs from the approved snapshot " + Path.GetFileName(verifiedPath)
            + ". The received source was written beside it. " + howToAccept + "\n" + diff);
    }

    [GeneratedRegex("""(?<prefix>GeneratedCode\(\s*"NetGen\.Generator"\s*,\s*")[^"]*(?<suffix>")""")]
    private static partial Regex GeneratedCodeVersion();
}
