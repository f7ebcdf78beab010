using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.Checkpoints;

/// <summary>
/// Writes float arrays as numpy <c>.npy</c> files: little-endian float32 (<c>'&lt;f4'</c>) in C order, format
/// version 1.0 when the header fits in 65,535 bytes (always, for the shapes numpy can load) and 2.0 otherwise. The
/// header is byte for byte what numpy's <c>np.save</c> writes, padding included, so the data starts at a multiple
/// of 64 bytes.
/// </summary>
public static class NpyWriter
{
    /// <summary>numpy's <c>GROWTH_AXIS_MAX_DIGITS</c>: room left in the header to grow the first dimension in place.</summary>
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>numpy's <c>ARRAY_ALIGN</c>: the data starts at a multiple of this many bytes.</summary>
    private const int ArrayAlign = 64;

    private const int ChunkFloats = 1 << 16;

    /// <summary>Writes an array to a stream (which stays open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="data">The elements in C (row-major) order.</param>
    /// <param name="shape">The dimensions, outermost first; their product must equal the length of <paramref name="data"/>. Empty for a scalar.</param>
    /// <exception cref="ArgumentException">A dimension is negative or the shape does not hold <paramref name="data"/>'s length.</exception>
    public static void Write(Stream stream, ReadOnlySpan<float> data, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Write(stream, data, shape, minimumMajorVersion: 1);
    }

    /// <summary>Writes an array to a file atomically: a temporary file in the same folder, flushed to disk, then renamed over <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="data">The elements in C (row-major) order.</param>
    /// <param name="shape">The dimensions, outermost first; their product must equal the length of <paramref name="data"/>.</param>
    /// <exception cref="ArgumentException">A dimension is negative or the shape does not hold <paramref name="data"/>'s length.</exception>
    /// <exception cref="IOException">The file could not be written; a previous file at <paramref name="path"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">The process may not create files in the folder (or replace the file); a previous file is unchanged.</exception>
    public static void Write(string path, ReadOnlySpan<float> data, ReadOnlySpan<int> shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckShape(data.Length, shape);
        using var file = AtomicFileWriter.Create(path, openTemporary: null);
        Write(file.Stream, data, shape, minimumMajorVersion: 1);
        file.Commit();
    }

    /// <summary>Writes an array with at least the given format version (tests use 2 to exercise the 2.0 layout).</summary>
    internal static void Write(Stream stream, ReadOnlySpan<float> data, ReadOnlySpan<int> shape, int minimumMajorVersion)
    {
        CheckShape(data.Length, shape);
        stream.Write(BuildHeader(shape, minimumMajorVersion));
        if (BitConverter.IsLittleEndian)
        {
            for (int start = 0; start < data.Length; start += ChunkFloats)
                stream.Write(MemoryMarshal.AsBytes(data.Slice(start, Math.Min(ChunkFloats, data.Length - start))));
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkFloats * 4);
        try
        {
            for (int start = 0; start < data.Length; start += ChunkFloats)
            {
                int count = Math.Min(ChunkFloats, data.Length - start);
                for (int i = 0; i < count; i++)
                    BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4, 4), data[start + i]);
                stream.Write(buffer, 0, count * 4);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The preamble and header numpy 1.24+ writes for a C-order <c>'&lt;f4'</c> array of this shape:
    /// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>, spaces for the first dimension to grow to
    /// 21 digits, then spaces and a newline up to a multiple of 64 bytes.
    /// </summary>
    internal static byte[] BuildHeader(ReadOnlySpan<int> shape, int minimumMajorVersion)
    {
        var dict = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': ")
            .Append(NpyHeader.FormatShape(shape))
            .Append(", }");
        if (shape.Length > 0)
            dict.Append(' ', GrowthAxisMaxDigits - shape[0].ToString(CultureInfo.InvariantCulture).Length);

        int textLength = dict.Length + 1; // with the final '\n'
        int major = minimumMajorVersion;
        int preamble = major == 1 ? 10 : 12;
        int padding = ArrayAlign - ((preamble + textLength) % ArrayAlign);
        if (major == 1 && textLength + padding > ushort.MaxValue)
        {
            major = 2;
            preamble = 12;
            padding = ArrayAlign - ((preamble + textLength) % ArrayAlign);
        }

        int headerLength = textLength + padding;
        byte[] bytes = new byte[preamble + headerLength];
        NpyReader.Magic.CopyTo(bytes);
        bytes[6] = (byte)major;
        bytes[7] = 0;
        if (major == 1)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8, 2), (ushort)headerLength);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8, 4), (uint)headerLength);
        int written = Encoding.ASCII.GetBytes(dict.ToString(), bytes.AsSpan(preamble));
        bytes.AsSpan(preamble + written, padding).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    private static void CheckShape(int length, ReadOnlySpan<int> shape)
    {
        long count = 1;
        bool empty = false;
        foreach (int dimension in shape)
        {
            if (dimension < 0)
                throw new ArgumentException($"The shape {NpyHeader.FormatShape(shape)} has a negative dimension.", nameof(shape));
            empty |= dimension == 0;
            if (count <= int.MaxValue) count *= dimension; // saturates above int.MaxValue without overflowing a long
        }

        if (empty) count = 0;
        if (count != length)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The shape {NpyHeader.FormatShape(shape)} holds {(count > int.MaxValue ? "more than int.MaxValue" : count.ToString(CultureInfo.InvariantCulture))} elements; the data has {length}."), nameof(shape));
    }
}
