using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace NetGen.Reporting;

/// <summary>Encodes an image as an 8-bit grayscale PNG (zlib through <see cref="ZLibStream"/>), for inline <c>data:</c> URIs.</summary>
internal static class GrayscalePng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The PNG of an image whose pixels are in [0, 1] with 1 for ink, drawn dark on white
    /// (<c>255 * (1 - pixel)</c>; NaN as white, values outside clamped).
    /// </summary>
    public static byte[] EncodeInk(ReadOnlySpan<float> pixels, int rows, int columns)
    {
        // Raw scanlines: filter byte 0 (none), then the row.
        var raw = new byte[rows * (columns + 1)];
        for (int r = 0; r < rows; r++)
        {
            int line = r * (columns + 1);
            for (int c = 0; c < columns; c++)
            {
                float ink = pixels[r * columns + c];
                double v = float.IsNaN(ink) ? 0 : Math.Clamp(ink, 0f, 1f);
                raw[line + 1 + c] = (byte)Math.Round(255 * (1 - v));
            }
        }

        using var png = new MemoryStream();
        png.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, columns);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], rows);
        header[8] = 8;  // bit depth
        header[9] = 0;  // grayscale
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
                zlib.Write(raw);
            WriteChunk(png, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        png.Write(word);
        var typeAndData = new byte[4 + data.Length];
        for (int i = 0; i < 4; i++) typeAndData[i] = (byte)type[i];
        data.CopyTo(typeAndData.AsSpan(4));
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.HashToUInt32(typeAndData));
        png.Write(word);
    }
}
