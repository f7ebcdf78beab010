using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace NetGen.Checkpoints;

/// <summary>
/// Reads numpy <c>.npy</c> arrays (format versions 1.0, 2.0 and 3.0) of little-endian float32 or float64 in C order,
/// checking everything: the magic string, the version, the header (parsed as the Python dict literal it is, with
/// exactly the keys <c>descr</c>, <c>fortran_order</c> and <c>shape</c>), the data length, and that nothing follows
/// the data.
/// </summary>
/// <remarks>
/// Every problem is an <see cref="InvalidDataException"/> whose message names the source, says what was expected and
/// what was found. Rejected: big-endian data (<c>'&gt;f4'</c>), any other dtype (integers, <c>'|f4'</c>-style
/// descriptors, structured arrays, objects), Fortran order, and trailing bytes after the data (which is where a header
/// that understates the shape shows).
/// </remarks>
public static class NpyReader
{
    /// <summary>The magic string every <c>.npy</c> array starts with: <c>\x93NUMPY</c>.</summary>
    internal static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>
    /// The largest header accepted, in bytes. numpy writes about 128 bytes for the arrays this reader accepts (its own
    /// <c>np.load</c> refuses headers above 10,000 bytes by default); the bound keeps a corrupt length from allocating
    /// gigabytes.
    /// </summary>
    internal const int MaxHeaderLength = 1 << 20;

    private const int ChunkFloats = 1 << 16;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a whole <c>.npy</c> file.</summary>
    /// <param name="path">The file to read.</param>
    /// <returns>The header and the elements as floats.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid float32/float64 C-order <c>.npy</c> array.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenRead(path);
        return ReadArray(stream, Quote(path));
    }

    /// <summary>Reads a whole <c>.npy</c> array from a stream, to its end.</summary>
    /// <param name="stream">The stream, positioned at the array's magic string.</param>
    /// <param name="sourceName">What to call the source in error messages (a file or entry name).</param>
    /// <returns>The header and the elements as floats.</returns>
    /// <exception cref="InvalidDataException">The stream does not hold exactly one valid float32/float64 C-order array.</exception>
    public static NpyArray Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadArray(stream, Quote(sourceName));
    }

    /// <summary>Reads and validates the preamble and header, leaving the stream at the first data byte.</summary>
    /// <param name="stream">The stream, positioned at the array's magic string.</param>
    /// <param name="sourceName">What to call the source in error messages.</param>
    /// <returns>The validated header.</returns>
    /// <exception cref="InvalidDataException">The preamble or header is invalid or describes an array this reader does not accept.</exception>
    public static NpyHeader ReadHeader(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadHeaderCore(stream, Quote(sourceName));
    }

    /// <summary>
    /// Reads the data that follows a header into <paramref name="destination"/>, converting float64 to float, and
    /// checks that the stream ends right after it.
    /// </summary>
    /// <param name="stream">The stream, positioned after the header (as <see cref="ReadHeader"/> leaves it).</param>
    /// <param name="header">The header read from the same stream.</param>
    /// <param name="destination">Receives <see cref="NpyHeader.ElementCount"/> elements in C order; on failure its content is unspecified.</param>
    /// <param name="sourceName">What to call the source in error messages.</param>
    /// <exception cref="InvalidDataException">The data is truncated, followed by more bytes, or holds a float64 too large for float32.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not <see cref="NpyHeader.ElementCount"/> long.</exception>
    public static void ReadData(Stream stream, NpyHeader header, Span<float> destination, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(sourceName);
        ReadDataCore(stream, header, destination, Quote(sourceName));
    }

    internal static NpyArray ReadArray(Stream stream, string context)
    {
        NpyHeader header = ReadHeaderCore(stream, context);
        if (stream.CanSeek)
        {
            long available = stream.Length - stream.Position;
            if (available < header.DataLength)
                throw Truncated(context, header, available);
        }

        var data = new float[header.ElementCount];
        ReadDataCore(stream, header, data, context);
        return new NpyArray(header, data);
    }

    internal static NpyHeader ReadHeaderCore(Stream stream, string context)
    {
        Span<byte> preamble = stackalloc byte[12];
        int read = ReadFully(stream, preamble[..10]);
        int compared = Math.Min(read, Magic.Length);
        if (read == 0 || !preamble[..compared].SequenceEqual(Magic[..compared]))
            throw new InvalidDataException(
                $"{context}: not an .npy array: expected the magic string \\x93NUMPY, found {DescribeBytes(preamble[..read])}"
                + (read >= 2 && preamble[0] == 'P' && preamble[1] == 'K' ? " (a zip archive, such as an .npz file)." : "."));
        if (read < 10)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{context}: truncated .npy preamble: expected at least 10 bytes (magic, version, header length), found {read}."));

        int major = preamble[6], minor = preamble[7];
        if (minor != 0 || major < 1 || major > 3)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{context}: unsupported .npy format version: expected 1.0, 2.0 or 3.0, found {major}.{minor}."));

        long headerLength;
        int preambleLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..10]);
            preambleLength = 10;
        }
        else
        {
            read = ReadFully(stream, preamble[10..12]);
            if (read < 2)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{context}: truncated .npy preamble: expected 12 bytes for format {major}.0, found {10 + read}."));
            headerLength = BinaryPrimitives.ReadUInt32LittleEndian(preamble[8..12]);
            preambleLength = 12;
        }

        if (headerLength > MaxHeaderLength)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{context}: implausible .npy header length: expected at most {MaxHeaderLength} bytes, found {headerLength}."));

        byte[] headerBytes = new byte[headerLength];
        read = ReadFully(stream, headerBytes);
        if (read < headerLength)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{context}: truncated .npy header: expected {headerLength} header bytes, found {read}."));

        string text;
        try
        {
            text = major == 3 ? StrictUtf8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"{context}: the format 3.0 header is not valid UTF-8: {ex.Message}", ex);
        }

        object? literal;
        try
        {
            literal = PythonLiteralParser.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new InvalidDataException($"{context}: the .npy header is not a valid Python literal ({ex.Message}); header found: {Abbreviate(text)}", ex);
        }

        return Validate(literal, text, major, minor, preambleLength + (int)headerLength, context);
    }

    internal static void ReadDataCore(Stream stream, NpyHeader header, Span<float> destination, string context)
    {
        if (destination.Length != header.ElementCount)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The destination has {destination.Length} elements; the array {header} has {header.ElementCount}."), nameof(destination));

        if (header.DataType == NpyDataType.Float32)
            ReadFloat32(stream, header, destination, context);
        else
            ReadFloat64(stream, header, destination, context);

        Span<byte> probe = stackalloc byte[1];
        if (stream.Read(probe) > 0)
        {
            long extra = 1;
            if (stream.CanSeek)
            {
                extra += stream.Length - stream.Position;
            }
            else
            {
                byte[] sink = ArrayPool<byte>.Shared.Rent(1 << 16);
                int n;
                while ((n = stream.Read(sink)) > 0) extra += n;
                ArrayPool<byte>.Shared.Return(sink);
            }

            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{context}: {extra} unexpected bytes after the data: expected exactly {header.DataLength} data bytes for shape {header.ShapeText} of '{header.TypeDescriptor}', found {header.DataLength + extra}."));
        }
    }

    private static void ReadFloat32(Stream stream, NpyHeader header, Span<float> destination, string context)
    {
        long done = 0;
        for (int start = 0; start < destination.Length; start += ChunkFloats)
        {
            Span<float> chunk = destination.Slice(start, Math.Min(ChunkFloats, destination.Length - start));
            Span<byte> bytes = MemoryMarshal.AsBytes(chunk);
            int read = ReadFully(stream, bytes);
            done += read;
            if (read < bytes.Length)
                throw Truncated(context, header, done);
            if (!BitConverter.IsLittleEndian)
            {
                Span<int> bits = MemoryMarshal.Cast<float, int>(chunk);
                BinaryPrimitives.ReverseEndianness(bits, bits);
            }
        }
    }

    private static void ReadFloat64(Stream stream, NpyHeader header, Span<float> destination, string context)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkFloats * 8);
        try
        {
            long done = 0;
            for (int start = 0; start < destination.Length; start += ChunkFloats)
            {
                int count = Math.Min(ChunkFloats, destination.Length - start);
                Span<byte> bytes = buffer.AsSpan(0, count * 8);
                int read = ReadFully(stream, bytes);
                done += read;
                if (read < bytes.Length)
                    throw Truncated(context, header, done);
                for (int i = 0; i < count; i++)
                {
                    double value = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(i * 8, 8));
                    float single = (float)value;
                    if (float.IsInfinity(single) && double.IsFinite(value))
                        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                            $"{context}: element {FormatIndex(start + i, header.Shape)} does not fit in float32: expected a magnitude of at most {float.MaxValue:R}, found {value:R}."));
                    destination[start + i] = single;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static NpyHeader Validate(object? literal, string text, int major, int minor, int dataOffset, string context)
    {
        if (literal is not Dictionary<string, object?> dict)
            throw new InvalidDataException(
                $"{context}: the .npy header is not a dict: expected {{'descr': ..., 'fortran_order': ..., 'shape': ...}}, found {Abbreviate(text)}");

        foreach (string key in dict.Keys)
            if (key is not ("descr" or "fortran_order" or "shape"))
                throw new InvalidDataException(
                    $"{context}: unexpected key {PythonLiteralParser.Format(key)} in the .npy header: expected only 'descr', 'fortran_order' and 'shape', found {Abbreviate(text)}");
        foreach (string key in (string[])["descr", "fortran_order", "shape"])
            if (!dict.ContainsKey(key))
                throw new InvalidDataException(
                    $"{context}: the .npy header has no '{key}': expected the keys 'descr', 'fortran_order' and 'shape', found {Abbreviate(text)}");

        object? descr = dict["descr"];
        NpyDataType dataType = descr switch
        {
            "<f4" => NpyDataType.Float32,
            "<f8" => NpyDataType.Float64,
            ">f4" or ">f8" => throw new InvalidDataException(
                $"{context}: big-endian data is not supported: expected dtype '<f4' or '<f8', found {PythonLiteralParser.Format(descr)}; convert with a.astype('<f4')."),
            _ => throw new InvalidDataException(
                $"{context}: unsupported dtype: expected '<f4' (float32) or '<f8' (float64), found {Abbreviate(PythonLiteralParser.Format(descr))}."),
        };

        object? fortranOrder = dict["fortran_order"];
        if (fortranOrder is not bool fortran)
            throw new InvalidDataException(
                $"{context}: invalid 'fortran_order': expected True or False, found {Abbreviate(PythonLiteralParser.Format(fortranOrder))}.");
        if (fortran)
            throw new InvalidDataException(
                $"{context}: Fortran order is not supported; save with np.ascontiguousarray: expected 'fortran_order': False, found True.");

        object? shapeValue = dict["shape"];
        if (shapeValue is not PythonTuple tuple)
            throw InvalidShape(context, shapeValue);
        var shape = new int[tuple.Items.Count];
        long count = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (tuple.Items[i] is not long dimension || dimension < 0 || dimension > int.MaxValue)
                throw InvalidShape(context, shapeValue);
            shape[i] = (int)dimension;
            count = count == 0 || dimension == 0 ? 0 : count * dimension;
            if (count > Array.MaxLength)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{context}: the array is too large: expected at most {Array.MaxLength} elements, found shape {PythonLiteralParser.Format(shapeValue)}."));
        }

        return new NpyHeader(major, minor, dataType, shape, (int)count, dataOffset);
    }

    private static InvalidDataException InvalidShape(string context, object? shape) =>
        new($"{context}: invalid 'shape': expected a tuple of non-negative integers such as (784, 100) or (10,), found {Abbreviate(PythonLiteralParser.Format(shape))}.");

    private static InvalidDataException Truncated(string context, NpyHeader header, long found) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"{context}: truncated data: expected {header.DataLength} bytes for shape {header.ShapeText} of '{header.TypeDescriptor}', found {found}."));

    internal static string Quote(string name) => "'" + name + "'";

    internal static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read.</summary>
    internal static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0) break;
            total += n;
        }

        return total;
    }

    /// <summary>Describes up to 8 bytes as hex and as text, e.g. <c>50 4B 03 04 ("PK..")</c>.</summary>
    internal static string DescribeBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return "an empty file";
        ReadOnlySpan<byte> shown = bytes[..Math.Min(bytes.Length, 8)];
        var hex = new StringBuilder();
        var ascii = new StringBuilder();
        foreach (byte b in shown)
        {
            if (hex.Length > 0) hex.Append(' ');
            hex.Append(b.ToString("X2", CultureInfo.InvariantCulture));
            ascii.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
        }

        return $"{hex} (\"{ascii}\")";
    }

    private static string Abbreviate(string text)
    {
        string trimmed = text.TrimEnd();
        return trimmed.Length <= 200 ? trimmed : string.Concat(trimmed.AsSpan(0, 200), "...");
    }

    private static string FormatIndex(int flat, IReadOnlyList<int> shape)
    {
        var index = new int[shape.Count];
        int rest = flat;
        for (int d = shape.Count - 1; d >= 0; d--)
        {
            index[d] = rest % shape[d];
            rest /= shape[d];
        }

        return string.Create(CultureInfo.InvariantCulture, $"{flat} (index {NpyHeader.FormatShape(index)})");
    }
}
