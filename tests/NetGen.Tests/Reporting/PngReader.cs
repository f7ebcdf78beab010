using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace NetGen.Tests.Reporting;

/// <summary>Reads back the inline PNG of an <c>img</c>: checks the chunks' CRCs and returns the pixels of an 8-bit grayscale image.</summary>
internal static class PngReader
{
    public static byte[] Grayscale(XElement img, out int width, out int height)
    {
        string src = (string)img.Attribute("src")!;
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, src, StringComparison.Ordinal);
        byte[] png = Convert.FromBase64String(src[prefix.Length..]);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        int offset = 8;
        width = height = 0;
        using var idat = new MemoryStream();
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = Encoding.ASCII.GetString(png, offset + 4, 4);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc(png.AsSpan(offset + 4, 4 + length)), crc);
            ReadOnlySpan<byte> data = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                Assert.Equal(0, data[9]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }

            offset += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        byte[] scanlines = raw.ToArray();
        Assert.Equal(height * (width + 1), scanlines.Length);
        var pixels = new byte[width * height];
        for (int r = 0; r < height; r++)
        {
            Assert.Equal(0, scanlines[r * (width + 1)]);
            Array.Copy(scanlines, r * (width + 1) + 1, pixels, r * width, width);
        }

        return pixels;
    }

    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320 ^ (crc >> 1) : crc >> 1;
        }

        return ~crc;
    }
}
