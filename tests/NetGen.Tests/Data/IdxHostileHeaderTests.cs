using System;
using System.IO;
using System.IO.Compression;
using NetGen.Data;

namespace NetGen.Tests.Data;

/// <summary>
/// Headers built to get past the size checks: the product of the dimensions is taken without overflow, and a count
/// no array can hold is an <see cref="InvalidDataException"/> naming the file, before any allocation, never an
/// <see cref="OverflowException"/> or an <see cref="OutOfMemoryException"/>.
/// </summary>
public sealed class IdxHostileHeaderTests
{
    [Fact]
    public void DimensionsWhoseProductWrapsTo0In64Bits_AreRejected_NotReadAsEmpty()
    {
        // 2^21 images of 2^21 x 2^22 pixels: 2^64 pixels, which is 0 in 64-bit arithmetic, in a 16-byte file.
        byte[] file = IdxBytes.Build(0x803, [1u << 21, 1u << 21, 1u << 22], []);
        Assert.Equal(16, file.Length);

        Exception error = Record.Exception(() => IdxReader.ReadImages(new MemoryStream(file), "wrap.idx"));

        var invalid = Assert.IsType<InvalidDataException>(error);
        Assert.Equal(
            "wrap.idx: header says 2097152 images of 2097152x4194304 = 18446744073709551616 pixels, more than one array can hold (2147483591)",
            invalid.Message);
    }

    [Fact]
    public void GzipLabelFileClaiming2Pow31Minus1Labels_IsInvalidData_NotOutOfMemory()
    {
        // A gzip file large enough (2.2 MB, stored) that deflate's ratio cannot rule the header out by the file's size.
        using var folder = new TempDirectory();
        string path = folder.File("labels-idx1-ubyte.gz");
        byte[] content = IdxBytes.Build(0x801, [int.MaxValue], new byte[2_200_000]);
        using (var output = File.Create(path))
        using (var gzip = new GZipStream(output, CompressionLevel.NoCompression))
            gzip.Write(content);

        Exception error = Record.Exception(() => IdxReader.ReadLabels(path));

        var invalid = Assert.IsType<InvalidDataException>(error);
        Assert.StartsWith(path + ": header says 2147483647 labels, more than one array can hold", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnseekableGzipClaiming2Pow31Minus1Labels_IsInvalidData_NotOutOfMemory()
    {
        // A stream that cannot tell its length: the header is checked against what an array can hold.
        byte[] file = IdxBytes.Gzip(IdxBytes.Build(0x801, [int.MaxValue], [1, 2, 3]));

        Exception error = Record.Exception(() => IdxReader.ReadLabels(new NonSeekableStream(new MemoryStream(file)), "pipe"));

        var invalid = Assert.IsType<InvalidDataException>(error);
        Assert.StartsWith("pipe: header says 2147483647 labels, more than one array can hold", invalid.Message, StringComparison.Ordinal);
    }
}
