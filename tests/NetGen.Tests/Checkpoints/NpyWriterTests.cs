using System;
using System.IO;
using NetGen.Checkpoints;

namespace NetGen.Tests.Checkpoints;

public sealed class NpyWriterTests
{
    [Fact]
    public void Version1_IsByteForByteWhatNumpySaveWrites()
    {
        var stream = new MemoryStream();
        NpyWriter.Write(stream, NumpyFixtures.W1, [3, 4]);
        Assert.Equal(NumpyFixtures.Bytes("save_w1.npy"), stream.ToArray());
    }

    [Fact]
    public void Version2_IsByteForByteWhatNumpyWriteArrayWrites()
    {
        var stream = new MemoryStream();
        NpyWriter.Write(stream, NumpyFixtures.W1, [3, 4], minimumMajorVersion: 2);
        Assert.Equal(NumpyFixtures.Bytes("save_w1_v2.npy"), stream.ToArray());
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 1 })]
    [InlineData(new[] { 7 })]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 784, 100 })]
    [InlineData(new[] { 1048576, 0 })]
    [InlineData(new[] { 2, 3, 1, 1 })]
    public void Header_AlignsDataTo64Bytes_AndReadsBack(int[] shape)
    {
        foreach (int version in (int[])[1, 2])
        {
            byte[] header = NpyWriter.BuildHeader(shape, version);
            Assert.Equal(0, header.Length % 64);
            Assert.Equal((byte)'\n', header[^1]);
            Assert.Equal(version, header[6]);

            NpyHeader parsed = NpyReader.ReadHeader(new MemoryStream(header), "h");
            Assert.Equal(shape, parsed.Shape);
            Assert.Equal(header.Length, parsed.DataOffset);
        }
    }

    [Fact]
    public void AlreadyAlignedHeader_GetsAWholeBlockOfPadding_AsNumpyDoes()
    {
        // numpy pads with 64 - (length % 64) spaces, which is 64 (not 0) when the text lands on a boundary.
        // The dict for shape (d,) is 56 characters + 21 - digits(d) growth spaces + '\n' after a 10-byte preamble.
        for (int digits = 1; digits <= 10; digits++)
        {
            int d = (int)Math.Pow(10, digits - 1);
            byte[] header = NpyWriter.BuildHeader([d], 1);
            int unpadded = 10 + 56 + (21 - digits) + 1;
            Assert.Equal(unpadded + (64 - unpadded % 64), header.Length);
        }
    }

    [Fact]
    public void SpecialValues_RoundTripBitForBit()
    {
        float[] values = ParameterValues.Pattern(40, seed: 3);
        var stream = new MemoryStream();
        NpyWriter.Write(stream, values, [5, 8]);
        stream.Position = 0;
        NpyArray array = NpyReader.Read(stream, "mem");
        Assert.Equal([5, 8], array.Shape);
        ParameterValues.AssertBitsEqual(values, array.Data.Span);
    }

    [Fact]
    public void ShapeNotHoldingTheData_IsArgumentException()
    {
        var stream = new MemoryStream();
        ArgumentException ex = Assert.Throws<ArgumentException>(() => NpyWriter.Write(stream, new float[12], [3, 5]));
        Assert.Contains("The shape (3, 5) holds 15 elements; the data has 12.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => NpyWriter.Write(stream, new float[12], [-3, -4]));
        Assert.Throws<ArgumentException>(() => NpyWriter.Write(stream, new float[1], [65536, 65536]));
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void WritePath_ReplacesTheFileAndLeavesNoTemporary()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("w.npy");
        File.WriteAllText(path, "old");
        NpyWriter.Write(path, [1f, 2f, 3f], [3]);
        Assert.Equal([1f, 2f, 3f], NpyReader.Read(path).Data.ToArray());
        Assert.Equal(["w.npy"], folder.FileNames());
    }
}
