using System;
using NetGen.Data;

namespace NetGen.Tests.Data;

public sealed class ByteConversionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(256)]
    [InlineData(1001)]
    public void Divide_EqualsTheScalarDivision_ForEveryByteAndLength(int length)
    {
        byte[] source = new byte[length];
        for (int i = 0; i < length; i++)
            source[i] = (byte)(i * 37 + 11);
        foreach (float divisor in new[] { 255f, 1f, 3f, -2.5f, 1e-3f, 7e30f })
        {
            float[] destination = new float[length + 3];
            destination.AsSpan(length).Fill(-42f);
            ByteConversion.Divide(source, destination, divisor);
            for (int i = 0; i < length; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(source[i] / divisor), BitConverter.SingleToInt32Bits(destination[i]));
            Assert.All(destination[length..], v => Assert.Equal(-42f, v)); // the rest is not touched
            Assert.Equal(destination[..length], ByteConversion.ToFloats(source, divisor));
        }
    }

    [Fact]
    public void ToFloats_With255_IsWhatTheIdxReaderMakesOfPixels()
    {
        using var dir = new TempDirectory();
        byte[] pixels = new byte[256 * 3];
        for (int i = 0; i < pixels.Length; i++)
            pixels[i] = (byte)i;
        string path = dir.File("images-idx3-ubyte");
        IdxWriter.WriteImages(path, pixels, 3, 16, 16);

        Assert.Equal(IdxReader.ReadImages(path).Pixels, ByteConversion.ToFloats(pixels, 255f));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void BadDivisor_Throws_BeforeWriting(float divisor)
    {
        float[] destination = [5f, 5f];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ByteConversion.Divide(new byte[] { 1, 2 }, destination, divisor));
        Assert.Equal("divisor", e.ParamName);
        Assert.Equal([5f, 5f], destination);
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteConversion.ToFloats(new byte[] { 1 }, divisor));
    }

    [Fact]
    public void ShortDestination_Throws_BeforeWriting()
    {
        float[] destination = [5f, 5f];
        var e = Assert.Throws<ArgumentException>(() => ByteConversion.Divide(new byte[] { 1, 2, 3 }, destination, 255f));
        Assert.Equal("destination", e.ParamName);
        Assert.Contains("at least source.Length (3)", e.Message, StringComparison.Ordinal);
        Assert.Equal([5f, 5f], destination);
    }
}
