using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;

namespace NetGen.Data;

/// <summary>
/// Reads IDX files, the format of MNIST and Fashion-MNIST: images (magic 2051, unsigned bytes, count x rows x
/// columns) and labels (magic 2049, unsigned bytes, count). A file may be gzip-compressed or raw; the reader tells
/// them apart by the first two bytes (1f 8b), never by the name.
/// </summary>
/// <remarks>
/// <para>The reader streams: it reads the file once, front to back, in chunks of 1 MiB, decompressing on the fly and
/// converting each chunk of pixel bytes straight into the result, so neither the compressed nor the uncompressed
/// file is ever held whole.</para>
/// <para>It checks the magic number (two zero bytes, data type 0x08 = unsigned byte, number of dimensions), that
/// every size is sane, and that the data is exactly as long as the sizes say: a truncated file and a file with bytes
/// after the data are both errors. Every failure is an <see cref="InvalidDataException"/> whose message starts with
/// the file's name and says what was found against what was expected.</para>
/// </remarks>
public static class IdxReader
{
    /// <summary>The magic number of an IDX image file (unsigned bytes, 3 dimensions): 2051 = 0x00000803.</summary>
    public const int ImagesMagic = IdxFormat.ImagesMagic;

    /// <summary>The magic number of an IDX label file (unsigned bytes, 1 dimension): 2049 = 0x00000801.</summary>
    public const int LabelsMagic = IdxFormat.LabelsMagic;

    /// <summary>Reads an image file; pixels become <c>byte / 255f</c>.</summary>
    /// <param name="path">An IDX3 file of unsigned bytes, gzip-compressed or raw.</param>
    /// <returns>The images, one contiguous row-major array.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX image file; the message says how.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static IdxImages ReadImages(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = OpenRead(path);
        return ReadImages(file, path);
    }

    /// <summary>Reads an image file from a stream, from its current position to its end.</summary>
    /// <param name="stream">The file's bytes, gzip-compressed or raw. Left open.</param>
    /// <param name="name">What to call the file in error messages (usually its path).</param>
    /// <returns>The images, one contiguous row-major array.</returns>
    /// <exception cref="InvalidDataException">The content is not a well-formed IDX image file; the message says how.</exception>
    public static IdxImages ReadImages(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using IdxContent content = IdxContent.Open(stream, name);
        Span<uint> sizes = stackalloc uint[3];
        ReadHeader(content, IdxFormat.ImagesMagic, sizes);
        int count = CheckSize(content, sizes[0], "image count");
        int rows = CheckSize(content, sizes[1], "rows");
        int columns = CheckSize(content, sizes[2], "columns");
        if (rows == 0 || columns == 0)
            throw content.Error(Invariant($"header says images of {rows}x{columns}; rows and columns must be at least 1"));

        // Three sizes up to 2^31 each: their product needs up to 93 bits, so it is taken in 128 (a 64-bit product of
        // 2^21 x 2^21 x 2^22 wraps to 0 and would pass every check below).
        Int128 product = (Int128)count * rows * columns;
        string what = Invariant($"{count} images of {rows}x{columns}");
        if (product > Array.MaxLength)
            throw content.Error(Invariant($"header says {what} = {product} pixels, more than one array can hold ({Array.MaxLength})"));

        long pixelCount = (long)product;
        CheckAvailable(content, pixelCount, what, "pixels");
        // Every element is written below (or the read throws), so skip zeroing 4 bytes per pixel first.
        float[] pixels = Allocate(content, pixelCount, sizeof(float), what, "pixels",
            static length => GC.AllocateUninitializedArray<float>(length));
        byte[] chunk = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(pixelCount, 4096, IdxFormat.ChunkBytes));
        try
        {
            int done = 0;
            while (done < pixels.Length)
            {
                int want = Math.Min(chunk.Length, pixels.Length - done);
                int got = content.Fill(chunk.AsSpan(0, want));
                ScaleToUnit(chunk.AsSpan(0, got), pixels.AsSpan(done, got));
                done += got;
                if (got < want)
                    throw Truncated(content, pixelCount, done, what, "pixels");
            }

            CheckNoTrailingBytes(content, chunk, pixelCount, what, "pixels");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return new IdxImages(pixels, count, rows, columns);
    }

    /// <summary>Reads a label file.</summary>
    /// <param name="path">An IDX1 file of unsigned bytes, gzip-compressed or raw.</param>
    /// <returns>One byte per label.</returns>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX label file; the message says how.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static byte[] ReadLabels(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = OpenRead(path);
        return ReadLabels(file, path);
    }

    /// <summary>Reads a label file from a stream, from its current position to its end.</summary>
    /// <param name="stream">The file's bytes, gzip-compressed or raw. Left open.</param>
    /// <param name="name">What to call the file in error messages (usually its path).</param>
    /// <returns>One byte per label.</returns>
    /// <exception cref="InvalidDataException">The content is not a well-formed IDX label file; the message says how.</exception>
    public static byte[] ReadLabels(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        using IdxContent content = IdxContent.Open(stream, name);
        Span<uint> sizes = stackalloc uint[1];
        ReadHeader(content, IdxFormat.LabelsMagic, sizes);
        int count = CheckSize(content, sizes[0], "label count");
        string what = Invariant($"{count} labels");
        if (count > Array.MaxLength)
            throw content.Error(Invariant($"header says {what}, more than one array can hold ({Array.MaxLength})"));
        CheckAvailable(content, count, what, "labels");
        byte[] labels = Allocate(content, count, sizeof(byte), what, "labels", static length => new byte[length]);
        int got = content.Fill(labels);
        if (got < count)
            throw Truncated(content, count, got, what, "labels");
        byte[] scratch = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            CheckNoTrailingBytes(content, scratch, count, what, "labels");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }

        return labels;
    }

    /// <summary>
    /// Writes <c>source[i] / 255f</c> to <c>destination[i]</c>: exactly the scalar division, vectorized (IEEE
    /// division is correctly rounded in every lane, so the vector and scalar results are bit-identical).
    /// </summary>
    internal static void ScaleToUnit(ReadOnlySpan<byte> source, Span<float> destination) =>
        ByteConversion.DivideUnchecked(source, destination, 255f);

    private static FileStream OpenRead(string path) =>
        // Unbuffered: the reader asks for 1 MiB at a time, and gzip has its own buffer.
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    private static void ReadHeader(IdxContent content, int expectedMagic, Span<uint> sizes)
    {
        Span<byte> header = stackalloc byte[4 + 4 * sizes.Length];
        int got = content.Fill(header[..4]);
        if (got == 0)
            throw content.Error(Invariant($"the file is empty; expected an IDX file with magic {IdxFormat.Describe((uint)expectedMagic)}"));
        if (got < 4)
            throw content.Error(Invariant($"truncated: the file has only {got} byte{(got == 1 ? "" : "s")}; an IDX file starts with a 4-byte magic number, expected {IdxFormat.Describe((uint)expectedMagic)}"));

        uint magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (magic != (uint)expectedMagic)
            throw WrongMagic(content, magic, (uint)expectedMagic);

        got = content.Fill(header[4..]);
        if (got < header.Length - 4)
            throw content.Error(Invariant($"truncated header: magic {magic} is followed by {sizes.Length} 4-byte size{(sizes.Length == 1 ? "" : "s")} ({header.Length - 4} bytes), file has {got}"));
        for (int i = 0; i < sizes.Length; i++)
            sizes[i] = BinaryPrimitives.ReadUInt32BigEndian(header[(4 + 4 * i)..]);
    }

    private static InvalidDataException WrongMagic(IdxContent content, uint found, uint expected)
    {
        string expectation = Invariant($"expected magic {IdxFormat.Describe(expected)} but found {IdxFormat.Describe(found)}");
        bool looksLikeIdx = (found >> 16) == 0;
        if (looksLikeIdx && (found & 0xFF) == (expected & 0xFF) && ((found >> 8) & 0xFF) != IdxFormat.UnsignedByteType)
        {
            byte type = (byte)(found >> 8);
            return content.Error(Invariant($"{expectation}: the data type byte is 0x{type:X2} ({IdxFormat.TypeName(type)}), expected 0x08 (unsigned bytes)"));
        }

        if (content.IsGzip)
            return content.Error(Invariant($"{expectation} in the decompressed data; the gzip holds something other than an IDX file"));

        if (!looksLikeIdx && content.Name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            return content.Error(Invariant($"the name ends in .gz but the file is not gzip: it starts with {Hex(content.Signature)}, not the gzip signature 1f 8b; read as a raw IDX file, {expectation}"));

        return content.Error(expectation);
    }

    private static int CheckSize(IdxContent content, uint size, string what)
    {
        if (size > int.MaxValue)
            throw content.Error(Invariant($"header says the {what} is {size}; expected at most {int.MaxValue}"));
        return (int)size;
    }

    /// <summary>
    /// Before allocating: a raw file whose length is known must hold exactly the data (so both truncation and
    /// trailing bytes are reported exactly); a gzip file cannot decompress to more than ~1032 times its size.
    /// </summary>
    private static void CheckAvailable(IdxContent content, long dataBytes, string what, string unit)
    {
        if (content.RawLength is long raw)
        {
            long present = raw - content.Position;
            if (present < dataBytes)
                throw Truncated(content, dataBytes, present, what, unit);
            if (present > dataBytes)
                throw Trailing(content, dataBytes, present, what, unit);
        }
        else if (content.CompressedLength is long compressed
            && content.Position + dataBytes > compressed * IdxFormat.MaxDeflateRatio + 1024)
        {
            throw content.Error(Invariant(
                $"truncated: header says {what} = {dataBytes} bytes, but the whole gzip file is {compressed} bytes, which cannot decompress to that much"));
        }
    }

    /// <summary>
    /// Allocates the result once the header has passed every check against the file: an array larger than the memory
    /// the runtime can use (a gzip or unseekable file's header is checked against nothing else) is an
    /// <see cref="InvalidDataException"/> naming the file, never an <see cref="OutOfMemoryException"/>.
    /// </summary>
    private static T[] Allocate<T>(IdxContent content, long length, int elementBytes, string what, string unit, Func<int, T[]> allocate)
    {
        long bytes = length * elementBytes;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > available)
            throw content.Error(Invariant($"header says {what} = {bytes} bytes of {unit} once read, more than the {available} bytes of memory this process can use"));
        try
        {
            return allocate((int)length);
        }
        catch (OutOfMemoryException e)
        {
            throw content.Error(Invariant($"header says {what} = {bytes} bytes of {unit} once read, which cannot be allocated ({e.Message})"), e);
        }
    }

    private static void CheckNoTrailingBytes(IdxContent content, byte[] scratch, long dataBytes, string what, string unit)
    {
        long extra = content.Drain(scratch);
        if (extra > 0)
            throw Trailing(content, dataBytes, dataBytes + extra, what, unit);
    }

    private static InvalidDataException Truncated(IdxContent content, long expected, long present, string what, string unit) =>
        content.Error(Invariant(
            $"truncated: header says {what} = {expected} bytes, file has {present} bytes of {unit}{(content.IsGzip ? " (decompressed)" : "")}"));

    private static InvalidDataException Trailing(IdxContent content, long expected, long present, string what, string unit) =>
        content.Error(Invariant(
            $"{present - expected} unexpected bytes after the data: header says {what} = {expected} bytes, file has {present} bytes of {unit}{(content.IsGzip ? " (decompressed)" : "")}"));

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        var parts = new string[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            parts[i] = bytes[i].ToString("x2", CultureInfo.InvariantCulture);
        return string.Join(' ', parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
