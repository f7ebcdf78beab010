using System;
using System.IO;
using System.Linq;
using NetGen.Generator.Tests.Infrastructure;
using Xunit.Sdk;

namespace NetGen.Generator.Tests.SelfTests;

/// <summary>The hand-written snapshot helper: file names, normalization, received files, diffs and accepting.</summary>
public sealed class SnapshotVerifierTests
{
    private const string TestName = "SomeTests.Some_Scenario";
    private const string HintName = "Demo.Net.g.cs";
    private const string VerifiedName = "SomeTests.Some_Scenario#Demo.Net.g.verified.cs";
    private const string ReceivedName = "SomeTests.Some_Scenario#Demo.Net.g.received.cs";

    [Fact]
    public void FileStem_FollowsVerifySourceGeneratorsNaming()
    {
        Assert.Equal("SomeTests.Some_Scenario#Demo.Net.g", SnapshotVerifier.FileStem(TestName, HintName));
        Assert.Equal("A.B_shape=Deep#X.g", SnapshotVerifier.FileStem("A.B_shape=Deep", "X.g.cs"));
    }

    [Fact]
    public void Render_StartsWithHintName_NormalizesLineEndings_AndScrubsGeneratorVersion()
    {
        string rendered = SnapshotVerifier.Render(
            HintName,
            "line 1\r\n[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen.Generator\", \"1.2.3.4\")]\r\nline 3\n");

        Assert.Equal(
            "//HintName: Demo.Net.g.cs\nline 1\n[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen.Generator\", \"<ASSEMBLY_VERSION>\")]\nline 3\n",
            rendered);
    }

    [Fact]
    public void Verify_WhenEqual_Passes_AndRemovesAStaleReceivedFile()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.File(VerifiedName), "//HintName: Demo.Net.g.cs\r\nclass A { }\r\n");
        File.WriteAllText(directory.File(ReceivedName), "stale");

        new SnapshotVerifier(directory.Path, accept: false).Verify(TestName, HintName, "class A { }\n");

        Assert.False(File.Exists(directory.File(ReceivedName)));
    }

    [Fact]
    public void Verify_WhenVerifiedIsMissing_FailsAndWritesReceived()
    {
        using var directory = new TemporaryDirectory();

        var failure = Assert.ThrowsAny<XunitException>(
            () => new SnapshotVerifier(directory.Path, accept: false).Verify(TestName, HintName, "class A { }\n"));

        Assert.Contains("No approved snapshot", failure.Message, StringComparison.Ordinal);
        Assert.Contains(SnapshotVerifier.AcceptVariable + "=1", failure.Message, StringComparison.Ordinal);
        Assert.Equal("//HintName: Demo.Net.g.cs\nclass A { }\n", File.ReadAllText(directory.File(ReceivedName)));
        Assert.False(File.Exists(directory.File(VerifiedName)));
    }

    [Fact]
    public void Verify_WhenDifferent_FailsWithUnifiedDiffOfTheChange_AndWritesReceived()
    {
        using var directory = new TemporaryDirectory();
        string[] lines = Enumerable.Range(1, 200).Select(i => "line " + i).ToArray();
        File.WriteAllText(directory.File(VerifiedName), SnapshotVerifier.Render(HintName, string.Join("\n", lines) + "\n"));
        lines[99] = "line one hundred";
        string received = string.Join("\n", lines) + "\n";

        var failure = Assert.ThrowsAny<XunitException>(
            () => new SnapshotVerifier(directory.Path, accept: false).Verify(TestName, HintName, received));

        Assert.Contains("--- verified: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("+++ received: ", failure.Message, StringComparison.Ordinal);
        // Line 100 of the source is line 101 of the file, after //HintName.
        Assert.Contains("@@ -98,7 +98,7 @@\n line 97\n line 98\n line 99\n-line 100\n+line one hundred\n line 101\n line 102\n line 103\n", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("line 50\n", failure.Message, StringComparison.Ordinal);
        Assert.Equal(SnapshotVerifier.Render(HintName, received), File.ReadAllText(directory.File(ReceivedName)));
    }

    [Fact]
    public void Verify_WhenAccepting_WritesVerified_AndLeavesNoReceived()
    {
        using var directory = new TemporaryDirectory();
        File.WriteAllText(directory.File(VerifiedName), "//HintName: Demo.Net.g.cs\nold\n");
        File.WriteAllText(directory.File(ReceivedName), "left over from a failed run");

        new SnapshotVerifier(directory.Path, accept: true).Verify(TestName, HintName, "new\n");

        Assert.Equal("//HintName: Demo.Net.g.cs\nnew\n", File.ReadAllText(directory.File(VerifiedName)));
        Assert.False(File.Exists(directory.File(ReceivedName)));
        new SnapshotVerifier(directory.Path, accept: false).Verify(TestName, HintName, "new\n");
    }
}
