using System;
using System.IO;
using NetGen.Checkpoints;

namespace NetGen.Tests.Checkpoints;

public sealed class NpyReaderTests
{
    private static readonly float[] Twelve = NumpyFixtures.W1;

    private static NpyArray Read(byte[] bytes) => NpyReader.Read(new MemoryStream(bytes), "x.npy");

    private static InvalidDataException Rejects(byte[] bytes, params string[] keywords)
    {
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => Read(bytes));
        Assert.StartsWith("'x.npy': ", ex.Message, StringComparison.Ordinal);
        foreach (string keyword in keywords)
            Assert.True(ex.Message.Contains(keyword, StringComparison.Ordinal), $"The message does not contain \"{keyword}\": {ex.Message}");
        return ex;
    }

    [Fact]
    public void MinimalUnpaddedHeader_IsRead()
    {
        // Old numpy aligned to 16 bytes, and nothing in the format requires padding: accept any header length.
        NpyArray array = Read(NpyBytes.Build("{'descr':'<f4','fortran_order':False,'shape':(3,4)}", NpyBytes.Little(Twelve)));

        Assert.Equal([3, 4], array.Shape);
        Assert.Equal(NpyDataType.Float32, array.Header.DataType);
        Assert.Equal(1, array.Header.MajorVersion);
        Assert.Equal(10 + 51, array.Header.DataOffset);
        ParameterValues.AssertBitsEqual(Twelve, array.Data.Span);
    }

    [Theory]
    [InlineData("()", 1)]
    [InlineData("(5,)", 5)]
    [InlineData("(0, 5)", 0)]
    [InlineData("(2, 1, 3)", 6)]
    public void Shapes_GiveTheirElementCount(string shape, int count)
    {
        NpyArray array = Read(NpyBytes.Float32(shape, Twelve.AsSpan(0, count)));
        Assert.Equal(count, array.Header.ElementCount);
        Assert.Equal(count, array.Data.Length);
    }

    [Fact]
    public void KeysInAnyOrderWithDoubleQuotes_AreRead()
    {
        NpyArray array = Read(NpyBytes.Build("{\"shape\": (2,), \"fortran_order\": False, \"descr\": \"<f8\"}\n", new byte[16]));
        Assert.Equal(NpyDataType.Float64, array.Header.DataType);
        Assert.Equal([0f, 0f], array.Data.ToArray());
    }

    [Fact]
    public void Float64_IsRoundedToNearestFloat_SpecialsKept()
    {
        double[] values = [0.1, -1.0 / 3, 1e-300, double.PositiveInfinity, double.NaN, -0.0, 3.4028235e38];
        NpyArray array = Read(NpyBytes.Float64("(7,)", values));
        float[] expected = Array.ConvertAll(values, v => (float)v);
        ParameterValues.AssertBitsEqual(expected, array.Data.Span);
    }

    [Fact]
    public void Float64BeyondFloatRange_IsRejectedWithItsIndex()
    {
        Rejects(NpyBytes.Float64("(2, 2)", [1, 2, 3, -1e300]),
            "element 3 (index (1, 1)) does not fit in float32", "expected a magnitude of at most 3.4028235E+38", "found -1E+300");
    }

    [Theory]
    [InlineData(3.4028235677973362e38, true)] // just below the midpoint between float.MaxValue and 2^128: rounds to MaxValue
    [InlineData(3.4028235677973366e38, false)] // the midpoint: rounds to infinity
    [InlineData(1.7976931348623157e308, false)]
    public void Float64NearTheFloatLimit_IsAcceptedOnlyIfItRoundsToAFiniteFloat(double value, bool accepted)
    {
        byte[] bytes = NpyBytes.Float64("(1,)", [value]);
        if (accepted)
            Assert.Equal(float.MaxValue, Read(bytes).Data.Span[0]);
        else
            Rejects(bytes, "element 0 (index (0,)) does not fit in float32");
    }

    [Fact]
    public void Version3Utf8Header_IsRead()
    {
        NpyArray array = Read(NpyBytes.Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", NpyBytes.Little([2.5f]), major: 3));
        Assert.Equal(3, array.Header.MajorVersion);
        Assert.Equal(12 + 58, array.Header.DataOffset);
        Assert.Equal(2.5f, array.Data.Span[0]);
    }

    [Fact]
    public void EmptyStream_IsRejected() => Rejects([], "not an .npy array", "expected the magic string \\x93NUMPY", "found an empty file");

    [Fact]
    public void WrongMagic_IsRejectedShowingTheBytes()
    {
        byte[] bytes = NpyBytes.Float32("(3, 4)", Twelve);
        bytes[1] = (byte)'n';
        Rejects(bytes, "not an .npy array", "expected the magic string \\x93NUMPY", "found 93 6E 55 4D 50 59 01 00 (\".nUMPY..\")");
    }

    [Fact]
    public void ZipArchive_IsRejectedAsNotAnArray()
    {
        Rejects(NumpyFixtures.Bytes("savez_float32.npz"), "not an .npy array", "found 50 4B 03 04", "a zip archive, such as an .npz file");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(9)]
    public void TruncatedPreamble_IsRejected(int length)
    {
        Rejects(NpyBytes.Float32("(3, 4)", Twelve)[..length], "expected", "found");
    }

    [Theory]
    [InlineData(0, 1, "found 0.1")]
    [InlineData(1, 1, "found 1.1")]
    [InlineData(4, 0, "found 4.0")]
    public void UnsupportedVersion_IsRejected(byte major, byte minor, string found)
    {
        byte[] bytes = NpyBytes.Float32("(3, 4)", Twelve);
        bytes[6] = major;
        bytes[7] = minor;
        Rejects(bytes, "unsupported .npy format version: expected 1.0, 2.0 or 3.0", found);
    }

    [Fact]
    public void ImplausibleHeaderLength_IsRejectedBeforeAllocating()
    {
        byte[] bytes = NpyBytes.Build("{}", [], major: 2);
        bytes[8] = bytes[9] = bytes[10] = bytes[11] = 0xFF;
        Rejects(bytes, "implausible .npy header length", "expected at most 1048576 bytes", "found 4294967295");
    }

    [Fact]
    public void TruncatedHeader_IsRejected()
    {
        byte[] bytes = NpyBytes.Float32("(3, 4)", Twelve);
        Rejects(bytes[..40], "truncated .npy header", "expected 60 header bytes", "found 30");
    }

    [Fact]
    public void InvalidUtf8InVersion3Header_IsRejected()
    {
        byte[] bytes = NpyBytes.Build("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", NpyBytes.Little([1f]), major: 3);
        bytes[13] = 0xFF;
        Rejects(bytes, "not valid UTF-8");
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), ", "not a valid Python literal", "expected a value at character")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3 4), }", "not a valid Python literal", "expected ',' or ')'")]
    [InlineData("{'descr': '<f4', 'fortran_order': false, 'shape': (3, 4), }", "not a valid Python literal", "found the name 'false'")]
    [InlineData("garbage", "not a valid Python literal", "header found: garbage")]
    [InlineData("[('descr', '<f4')]", "the .npy header is not a dict", "found [('descr', '<f4')]")]
    [InlineData("{'descr': '<f4', 'shape': (3, 4), }", "has no 'fortran_order'", "expected the keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), 'x': 1}", "unexpected key 'x'", "expected only")]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (3, 4), }", "big-endian data is not supported", "found '>f4'")]
    [InlineData("{'descr': '>f8', 'fortran_order': False, 'shape': (3, 4), }", "big-endian data is not supported", "found '>f8'")]
    [InlineData("{'descr': '<i4', 'fortran_order': False, 'shape': (3, 4), }", "unsupported dtype", "expected '<f4' (float32) or '<f8' (float64), found '<i4'")]
    [InlineData("{'descr': '|f4', 'fortran_order': False, 'shape': (3, 4), }", "unsupported dtype", "found '|f4'")]
    [InlineData("{'descr': '=f4', 'fortran_order': False, 'shape': (3, 4), }", "unsupported dtype", "found '=f4'")]
    [InlineData("{'descr': '<f2', 'fortran_order': False, 'shape': (3, 4), }", "unsupported dtype", "found '<f2'")]
    [InlineData("{'descr': 'float32', 'fortran_order': False, 'shape': (3, 4), }", "unsupported dtype", "found 'float32'")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3, 4), }", "unsupported dtype", "found [('a', '<f4')]")]
    [InlineData("{'descr': '<f4', 'fortran_order': True, 'shape': (3, 4), }", "Fortran order is not supported; save with np.ascontiguousarray", "found True")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 4), }", "invalid 'fortran_order'", "expected True or False, found 0")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': [3, 4], }", "invalid 'shape'", "found [3, 4]")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (12), }", "invalid 'shape'", "found 12")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, -4), }", "invalid 'shape'", "found (3, -4)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, '4'), }", "invalid 'shape'", "found (3, '4')")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, True), }", "invalid 'shape'", "found (3, True)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296,), }", "invalid 'shape'", "found (4294967296,)")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }", "the array is too large", "found shape (65536, 65536)")]
    public void InvalidHeader_IsRejectedSayingWhatWasExpectedAndFound(string header, string problem, string found)
    {
        Rejects(NpyBytes.Build(header + "\n", NpyBytes.Little(Twelve)), problem, found);
    }

    [Fact]
    public void ShapeClaimingMoreThanTheData_IsTruncatedData()
    {
        Rejects(NpyBytes.Float32("(4, 4)", Twelve), "truncated data", "expected 64 bytes for shape (4, 4) of '<f4'", "found 48");
    }

    [Fact]
    public void ShapeClaimingLessThanTheData_IsTrailingBytes()
    {
        Rejects(NpyBytes.Float32("(2, 4)", Twelve), "16 unexpected bytes after the data", "expected exactly 32 data bytes for shape (2, 4) of '<f4'", "found 48");
    }

    [Fact]
    public void TrailingBytesOnAStreamThatCannotSeek_AreCounted()
    {
        var stream = new ForwardOnlyStream(NpyBytes.Float32("(2, 4)", Twelve));
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => NpyReader.Read(stream, "pipe"));
        Assert.Contains("'pipe': 16 unexpected bytes after the data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHeaderThenReadData_ReadsInTwoSteps()
    {
        var stream = new MemoryStream(NpyBytes.Float32("(3, 4)", Twelve));
        NpyHeader header = NpyReader.ReadHeader(stream, "x.npy");
        Assert.Equal("'<f4' (3, 4), format 1.0", header.ToString());
        Assert.Equal(48, header.DataLength);
        var data = new float[12];
        NpyReader.ReadData(stream, header, data, "x.npy");
        ParameterValues.AssertBitsEqual(Twelve, data);

        Assert.Throws<ArgumentException>(() => NpyReader.ReadData(new MemoryStream(), header, new float[11], "x.npy"));
    }

    [Fact]
    public void ReadPath_NamesTheFile_AndMissingFileIsFileNotFound()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("lying.npy");
        File.WriteAllBytes(path, NpyBytes.Float32("(4, 4)", Twelve));
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => NpyReader.Read(path));
        Assert.StartsWith($"'{path}': truncated data", ex.Message, StringComparison.Ordinal);

        Assert.Throws<FileNotFoundException>(() => NpyReader.Read(folder.File("absent.npy")));
    }

    [Fact]
    public void Latin1Header_IsDecodedAsLatin1InVersion1()
    {
        byte[] bytes = NpyBytes.Build("{'descr': '<f\u00e94', 'fortran_order': False, 'shape': (1,), }\n", NpyBytes.Little([1f]));
        InvalidDataException ex = Assert.Throws<InvalidDataException>(() => Read(bytes));
        Assert.Contains("found '<f\u00e94'", ex.Message, StringComparison.Ordinal);
    }
}
