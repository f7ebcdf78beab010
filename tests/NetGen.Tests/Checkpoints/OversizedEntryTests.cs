using System;
using System.IO;
using System.IO.Compression;
using NetGen.Checkpoints;
using NetGen.Specification;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// A hostile <c>.npz</c> whose entry decompresses to 1 GiB: the loader rejects it with an
/// <see cref="InvalidDataException"/>, leaves the parameters as they were, and allocates nothing near the entry's size
/// (the entry is read through <c>ZipArchive</c> and checked as it streams).
/// </summary>
public sealed class OversizedEntryTests : IDisposable
{
    private const long OneGibibyte = 1L << 30;

    /// <summary>Allocation allowed for the whole load: the archive's directory, buffers and messages, far below 1 GiB.</summary>
    private const long AllocationLimit = 16L << 20;

    private static readonly NetworkSpec Spec = TestSpecs.TwoLayer;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void EntryOfOneGibibyte_IsRejectedCleanly_WithoutAllocatingIt()
    {
        string path = _folder.File("bomb.npz");
        WriteArchiveWithOversizedW1(path);
        long size = new FileInfo(path).Length;
        Assert.True(size < 8L << 20, $"the deflated gibibyte takes {size} bytes on disk");

        float[] target = ParameterValues.Sentinel(Spec.ParameterCount);
        long before = GC.GetAllocatedBytesForCurrentThread();
        CheckpointAssert.RejectsUnchanged(target, () => NetworkCheckpoint.Load(Spec, target, path),
            "array 'W1'", "unexpected bytes after the data", "expected exactly 48 data bytes");
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < AllocationLimit, $"loading the 1 GiB entry allocated {allocated} bytes");
    }

    // W1.npy holds a valid header and W1's 12 floats followed by 1 GiB of zeros, deflated; b1 and W2 are as numpy wrote them.
    private static void WriteArchiveWithOversizedW1(string path)
    {
        using FileStream file = File.Create(path);
        using var archive = new ZipArchive(file, ZipArchiveMode.Create);
        foreach ((string name, byte[] content) in ZipBytes.FixtureEntries())
        {
            using Stream entry = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
            if (name != "W1.npy")
            {
                entry.Write(content);
                continue;
            }

            entry.Write(NpyBytes.Float32("(3, 4)", new float[12]));
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < OneGibibyte; written += zeros.Length)
                entry.Write(zeros);
        }
    }
}
