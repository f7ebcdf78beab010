using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NetGen.Tests.Data;

/// <summary>Builds IDX files byte by byte, including malformed ones the writer would never produce.</summary>
internal static class IdxBytes
{
    /// <summary>A header (magic and big-endian sizes) followed by <paramref name="data"/>.</summary>
    public static byte[] Build(uint magic, uint[] sizes, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[4 + 4 * sizes.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int i = 0; i < sizes.Length; i++)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), sizes[i]);
        data.CopyTo(bytes.AsSpan(4 + 4 * sizes.Length));
        return bytes;
    }

    /// <summary>An image file of <paramref name="count"/> images of <paramref name="rows"/> x <paramref name="columns"/> with the given pixel bytes.</summary>
    public static byte[] Images(int count, int rows, int columns, ReadOnlySpan<byte> pixels) =>
        Build(0x803, [(uint)count, (uint)rows, (uint)columns], pixels);

    /// <summary>A label file with the given labels.</summary>
    public static byte[] Labels(ReadOnlySpan<byte> labels) => Build(0x801, [(uint)labels.Length], labels);

    /// <summary>Deterministic pixel bytes covering the whole 0..255 range.</summary>
    public static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++)
            bytes[i] = (byte)((i * 37 + 11) % 256);
        return bytes;
    }

    /// <summary>The bytes gzip-compressed.</summary>
    public static byte[] Gzip(ReadOnlySpan<byte> content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(content);
        return output.ToArray();
    }
}
