using System;
using System.IO;
using System.Text;
using NetGen.Data;

namespace NetGen.Tests.Data;

public sealed class IdxReaderTests
{
    [Theory]
    [InlineData("odd-images-idx3-ubyte")]
    [InlineData("odd-images-idx3-ubyte.gz")]
    public void Images_RoundTrip_ThreeImagesOf5x7(string name)
    {
        using var dir = new TempDirectory();
        string path = dir.File(name);
        byte[] pixels = IdxBytes.Pattern(3 * 5 * 7);
        IdxWriter.WriteImages(path, pixels, 3, 5, 7);
        Assert.Equal(name.EndsWith(".gz", StringComparison.Ordinal), IsGzip(path));

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal(3, images.Count);
        Assert.Equal(5, images.Rows);
        Assert.Equal(7, images.Columns);
        Assert.Equal(35, images.ImageSize);
        Assert.Equal(pixels.Length, images.Pixels.Length);
        for (int i = 0; i < pixels.Length; i++)
            Assert.Equal(pixels[i] / 255f, images.Pixels[i]);
        Assert.Equal(pixels[35 + 2 * 7 + 3] / 255f, images.Image(1)[2 * 7 + 3]);
    }

    [Theory]
    [InlineData("odd-labels-idx1-ubyte")]
    [InlineData("odd-labels-idx1-ubyte.gz")]
    public void Labels_RoundTrip(string name)
    {
        using var dir = new TempDirectory();
        string path = dir.File(name);
        byte[] labels = [7, 0, 255, 3, 9];
        IdxWriter.WriteLabels(path, labels);
        Assert.Equal(name.EndsWith(".gz", StringComparison.Ordinal), IsGzip(path));

        Assert.Equal(labels, IdxReader.ReadLabels(path));
    }

    [Fact]
    public void EmptyLabelFile_ReadsAsNoLabels()
    {
        using var stream = new MemoryStream(IdxBytes.Labels([]));
        Assert.Empty(IdxReader.ReadLabels(stream, "empty-labels"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(256)]
    [InlineData(256 + 77)]
    [InlineData(5000)]
    public void ScaleToUnit_IsExactlyByteOver255_ForEveryValueAndLength(int length)
    {
        // Every byte value appears (for length >= 256), and lengths exercise the vector loop and the scalar tail.
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte)(i * 7 + length);
        var floats = new float[length];
        IdxReader.ScaleToUnit(bytes, floats);
        for (int i = 0; i < length; i++)
            Assert.Equal(BitConverter.SingleToInt32Bits(bytes[i] / 255f), BitConverter.SingleToInt32Bits(floats[i]));
    }

    [Fact]
    public void ManyChunks_RoundTrip_ThroughGzip()
    {
        // 3 MB of pixels: more than one 1 MiB chunk, and a partial last chunk.
        const int count = 3000, rows = 28, columns = 36;
        byte[] pixels = IdxBytes.Pattern(count * rows * columns);
        using var stream = new MemoryStream(IdxBytes.Gzip(IdxBytes.Images(count, rows, columns, pixels)));

        IdxImages images = IdxReader.ReadImages(stream, "big.gz");

        Assert.Equal(count, images.Count);
        for (int i = 0; i < pixels.Length; i += 997)
            Assert.Equal(pixels[i] / 255f, images.Pixels[i]);
        Assert.Equal(pixels[^1] / 255f, images.Pixels[^1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnseekableStream_RawAndGzip_ReadsTheSame(bool gzip)
    {
        byte[] pixels = IdxBytes.Pattern(4 * 3 * 2);
        byte[] file = IdxBytes.Images(4, 3, 2, pixels);
        using var stream = new NonSeekableStream(new MemoryStream(gzip ? IdxBytes.Gzip(file) : file));

        IdxImages images = IdxReader.ReadImages(stream, "pipe");

        Assert.Equal(4, images.Count);
        Assert.Equal(pixels[5] / 255f, images.Pixels[5]);
    }

    [Fact]
    public void RawFileNamedGz_IsReadByContent()
    {
        using var dir = new TempDirectory();
        string path = dir.File("plain-labels-idx1-ubyte.gz");
        File.WriteAllBytes(path, IdxBytes.Labels([1, 2, 3]));

        Assert.Equal([1, 2, 3], IdxReader.ReadLabels(path));
    }

    [Fact]
    public void GzipFileWithoutGzName_IsReadByContent()
    {
        using var dir = new TempDirectory();
        string path = dir.File("compressed-labels-idx1-ubyte");
        File.WriteAllBytes(path, IdxBytes.Gzip(IdxBytes.Labels([4, 5])));

        Assert.Equal([4, 5], IdxReader.ReadLabels(path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedImages_SaysHowManyBytesOfWhat(bool gzip)
    {
        // 3 images of 5x7 = 105 pixel bytes; the file has 100.
        byte[] file = IdxBytes.Images(3, 5, 7, IdxBytes.Pattern(100));
        string message = ReadImagesError(gzip ? IdxBytes.Gzip(file) : file, gzip ? "cut-images-idx3-ubyte.gz" : "cut-images-idx3-ubyte");

        Assert.Contains(gzip ? "cut-images-idx3-ubyte.gz: " : "cut-images-idx3-ubyte: ", message, StringComparison.Ordinal);
        Assert.Contains("truncated: header says 3 images of 5x7 = 105 bytes, file has 100 bytes of pixels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedImages_FromUnseekableStream_SaysHowManyBytes()
    {
        byte[] file = IdxBytes.Images(3, 5, 7, IdxBytes.Pattern(104));
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new NonSeekableStream(new MemoryStream(file)), "pipe"));

        Assert.Equal("pipe: truncated: header says 3 images of 5x7 = 105 bytes, file has 104 bytes of pixels", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedLabels_SaysHowManyBytes(bool gzip)
    {
        byte[] file = IdxBytes.Build(0x801, [10], [1, 2, 3, 4]);
        string message = ReadLabelsError(gzip ? IdxBytes.Gzip(file) : file, "cut-labels-idx1-ubyte.gz");

        Assert.StartsWith("cut-labels-idx1-ubyte.gz: ", message, StringComparison.Ordinal);
        Assert.Contains("truncated: header says 10 labels = 10 bytes, file has 4 bytes of labels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedHeader_SaysWhatWasMissing()
    {
        byte[] file = IdxBytes.Build(0x803, [3], []);
        string message = ReadImagesError(file, "short-header");

        Assert.Equal("short-header: truncated header: magic 2051 is followed by 3 4-byte sizes (12 bytes), file has 4", message);
    }

    [Fact]
    public void EmptyFile_SaysEmpty()
    {
        string message = ReadImagesError([], "empty-images");

        Assert.Equal("empty-images: the file is empty; expected an IDX file with magic 2051 (images)", message);
    }

    [Fact]
    public void TwoByteFile_SaysTruncatedMagic()
    {
        string message = ReadLabelsError([0, 0], "two-bytes");

        Assert.StartsWith("two-bytes: truncated: the file has only 2 bytes", message, StringComparison.Ordinal);
        Assert.Contains("2049 (labels)", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingBytes_AfterImages_AreAnError(bool gzip)
    {
        byte[] file = IdxBytes.Images(3, 5, 7, IdxBytes.Pattern(110));
        string message = ReadImagesError(gzip ? IdxBytes.Gzip(file) : file, "long-images-idx3-ubyte");

        Assert.StartsWith("long-images-idx3-ubyte: 5 unexpected bytes after the data", message, StringComparison.Ordinal);
        Assert.Contains("header says 3 images of 5x7 = 105 bytes, file has 110 bytes of pixels", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingBytes_AfterLabels_AreAnError(bool gzip)
    {
        byte[] file = IdxBytes.Build(0x801, [3], [1, 2, 3, 4]);
        string message = ReadLabelsError(gzip ? IdxBytes.Gzip(file) : file, "long-labels");

        Assert.StartsWith("long-labels: 1 unexpected bytes after the data: header says 3 labels = 3 bytes, file has 4 bytes of labels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingBytes_FromUnseekableStream_AreCounted()
    {
        byte[] file = IdxBytes.Build(0x801, [3], new byte[3 + 2500]);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new NonSeekableStream(new MemoryStream(file)), "pipe"));

        Assert.Equal("pipe: 2500 unexpected bytes after the data: header says 3 labels = 3 bytes, file has 2503 bytes of labels", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelFile_ReadAsImages_NamesBothMagics(bool gzip)
    {
        byte[] file = IdxBytes.Labels([1, 2, 3]);
        string message = ReadImagesError(gzip ? IdxBytes.Gzip(file) : file, "train-images-idx3-ubyte.gz");

        Assert.StartsWith("train-images-idx3-ubyte.gz: expected magic 2051 (images) but found 2049 (labels)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImageFile_ReadAsLabels_NamesBothMagics()
    {
        byte[] file = IdxBytes.Images(1, 2, 2, [1, 2, 3, 4]);
        string message = ReadLabelsError(file, "train-labels-idx1-ubyte");

        Assert.Equal("train-labels-idx1-ubyte: expected magic 2049 (labels) but found 2051 (images)", message);
    }

    [Fact]
    public void WrongTypeByte_SaysWhichTypeItFound()
    {
        // 0x00000D03: float32 data, 3 dimensions.
        byte[] file = IdxBytes.Build(0x00000D03, [1, 1, 1], [0, 0, 0, 0]);
        string message = ReadImagesError(file, "float-images");

        Assert.Equal(
            "float-images: expected magic 2051 (images) but found 3331 (0x00000D03: float32, 3 dimensions): the data type byte is 0x0D (float32), expected 0x08 (unsigned bytes)",
            message);
    }

    [Fact]
    public void WrongNumberOfDimensions_IsAnError()
    {
        byte[] file = IdxBytes.Build(0x00000802, [2, 2], [1, 2, 3, 4]);
        string message = ReadImagesError(file, "matrix");

        Assert.Equal("matrix: expected magic 2051 (images) but found 2050 (0x00000802: unsigned bytes, 2 dimensions)", message);
    }

    [Fact]
    public void NotAnIdxFile_SaysSo()
    {
        string message = ReadImagesError(Encoding.ASCII.GetBytes("P5\n28 28\n255\n"), "digit.pgm");

        Assert.Equal("digit.pgm: expected magic 2051 (images) but found 0x50350A32, which is not an IDX magic number (its first two bytes must be zero)", message);
    }

    [Fact]
    public void GzNameButNotGzip_SaysTheFileIsNotGzip()
    {
        using var dir = new TempDirectory();
        string path = dir.File("train-images-idx3-ubyte.gz");
        File.WriteAllText(path, "<html><body>404 Not Found</body></html>");

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(path));

        Assert.StartsWith(path + ": the name ends in .gz but the file is not gzip: it starts with 3c 68 74 6d, not the gzip signature 1f 8b", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected magic 2051 (images) but found 0x3C68746D", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GzipOfGarbage_SaysTheDecompressedDataIsNotIdx()
    {
        byte[] file = IdxBytes.Gzip(Encoding.ASCII.GetBytes("this is not an IDX file at all"));
        string message = ReadLabelsError(file, "garbage.gz");

        Assert.Equal(
            "garbage.gz: expected magic 2049 (labels) but found 0x74686973, which is not an IDX magic number (its first two bytes must be zero) in the decompressed data; the gzip holds something other than an IDX file",
            message);
    }

    [Fact]
    public void CorruptDeflateData_IsReportedWithTheFileName()
    {
        byte[] file = IdxBytes.Gzip(IdxBytes.Images(3, 5, 7, IdxBytes.Pattern(105)));
        // Keep the 10-byte gzip header; replace the deflate stream with bytes that are not valid deflate (block type 3).
        for (int i = 10; i < file.Length; i++)
            file[i] = 0xFF;
        string message = ReadImagesError(file, "corrupt.gz");

        Assert.StartsWith("corrupt.gz: the gzip data is corrupt after 0 uncompressed bytes (", message, StringComparison.Ordinal);
    }

    [Fact]
    public void CutGzipStream_IsAnErrorNamingTheFile()
    {
        byte[] whole = IdxBytes.Gzip(IdxBytes.Images(50, 10, 10, IdxBytes.Pattern(5000)));
        byte[] half = whole.AsSpan(0, whole.Length / 2).ToArray();
        string message = ReadImagesError(half, "half.gz");

        Assert.StartsWith("half.gz: ", message, StringComparison.Ordinal);
        Assert.True(
            message.Contains("truncated: header says 50 images of 10x10 = 5000 bytes", StringComparison.Ordinal)
            || message.Contains("the gzip data is corrupt", StringComparison.Ordinal),
            message);
    }

    [Fact]
    public void AbsurdImageCount_InSmallGzip_IsRejectedBeforeAllocating()
    {
        byte[] file = IdxBytes.Gzip(IdxBytes.Build(0x803, [2_000_000, 28, 28], IdxBytes.Pattern(784)));
        string message = ReadImagesError(file, "liar.gz");

        Assert.StartsWith("liar.gz: truncated: header says 2000000 images of 28x28 = 1568000000 bytes, but the whole gzip file is", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AbsurdImageCount_InRawFile_IsReportedExactly()
    {
        byte[] file = IdxBytes.Build(0x803, [2_000_000, 28, 28], IdxBytes.Pattern(784));
        string message = ReadImagesError(file, "liar");

        Assert.Equal("liar: truncated: header says 2000000 images of 28x28 = 1568000000 bytes, file has 784 bytes of pixels", message);
    }

    [Fact]
    public void MoreThanAnArrayHolds_IsAnError()
    {
        byte[] file = IdxBytes.Build(0x803, [60000, 28000, 28], []);
        string message = ReadImagesError(file, "huge");

        Assert.StartsWith("huge: header says 60000 images of 28000x28 = 47040000000 pixels, more than one array can hold", message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeAbove2To31_IsAnError()
    {
        byte[] file = IdxBytes.Build(0x801, [0xFFFFFFFF], []);
        string message = ReadLabelsError(file, "negative");

        Assert.Equal("negative: header says the label count is 4294967295; expected at most 2147483647", message);
    }

    [Fact]
    public void ZeroRows_IsAnError()
    {
        byte[] file = IdxBytes.Build(0x803, [3, 0, 7], []);
        string message = ReadImagesError(file, "flat");

        Assert.Equal("flat: header says images of 0x7; rows and columns must be at least 1", message);
    }

    [Fact]
    public void Writer_RejectsPixelsOutsideUnitInterval()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxWriter.WriteImages(dir.File("x"), new[] { 0f, 1.5f }, 1, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => IdxWriter.WriteImages(dir.File("x"), new[] { 0f, float.NaN }, 1, 1, 2));
    }

    [Fact]
    public void Writer_RejectsAShapeThatDisagreesWithTheLength()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ArgumentException>(() => IdxWriter.WriteImages(dir.File("x"), new byte[10], 3, 2, 2));
        Assert.Contains("expected count (3) x rows x columns (4) = 12", error.Message, StringComparison.Ordinal);
    }

    private static string ReadImagesError(byte[] file, string name) =>
        Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(new MemoryStream(file), name)).Message;

    private static string ReadLabelsError(byte[] file, string name) =>
        Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(new MemoryStream(file), name)).Message;

    private static bool IsGzip(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        return bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B;
    }
}
