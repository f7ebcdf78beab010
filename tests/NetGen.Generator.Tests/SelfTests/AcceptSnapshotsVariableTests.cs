using System;
using System.IO;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.SelfTests;

/// <summary>
/// <c>NETGEN_ACCEPT_SNAPSHOTS=1</c> read from the environment. This test sets the variable for the whole process,
/// so it runs in a collection that xunit runs alone, after the parallel ones: no snapshot test can see it.
/// </summary>
[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class AcceptSnapshotsVariableTests
{
    [Fact]
    public void AcceptVariableSetToOne_TurnsReceivedIntoVerified()
    {
        using var directory = new TemporaryDirectory();
        string? before = Environment.GetEnvironmentVariable(SnapshotVerifier.AcceptVariable);
        try
        {
            Environment.SetEnvironmentVariable(SnapshotVerifier.AcceptVariable, "0");
            Assert.False(SnapshotVerifier.AcceptFromEnvironment);
            Assert.ThrowsAny<Exception>(() => new SnapshotVerifier(directory.Path, SnapshotVerifier.AcceptFromEnvironment).Verify("T.M", "N.g.cs", "x\n"));
            Assert.True(File.Exists(directory.File("T.M#N.g.received.cs")));

            Environment.SetEnvironmentVariable(SnapshotVerifier.AcceptVariable, "1");
            Assert.True(SnapshotVerifier.AcceptFromEnvironment);
            new SnapshotVerifier(directory.Path, SnapshotVerifier.AcceptFromEnvironment).Verify("T.M", "N.g.cs", "x\n");

            Assert.Equal("//HintName: N.g.cs\nx\n", File.ReadAllText(directory.File("T.M#N.g.verified.cs")));
            Assert.False(File.Exists(directory.File("T.M#N.g.received.cs")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(SnapshotVerifier.AcceptVariable, before);
        }
    }
}
