using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen.Data;

/// <summary>
/// The content of one IDX file, read forward once: the caller's stream as it is, or decompressed on the fly when it
/// starts with the gzip signature (1f 8b). Knows how long the content is when the stream can tell, so that a bad
/// header is caught before a large allocation, and turns every failure into an <see cref="InvalidDataException"/>
/// that names the file.
/// </summary>
internal sealed class IdxContent : IDisposable
{
    private readonly Stream _stream;
    private readonly GZipStream? _gzip;
    private readonly byte[] _signature;

    private IdxContent(string name, Stream stream, GZipStream? gzip, byte[] signature, long? rawLength, long? compressedLength)
    {
        Name = name;
        _stream = stream;
        _gzip = gzip;
        _signature = signature;
        RawLength = rawLength;
        CompressedLength = compressedLength;
    }

    /// <summary>The file's name as the caller gave it, the first word of every message.</summary>
    public string Name { get; }

    /// <summary>Whether the file is gzip-compressed (detected by its first two bytes, never by its name).</summary>
    public bool IsGzip => _gzip is not null;

    /// <summary>The length of a raw file's content when the stream can tell; null for gzip or unseekable streams.</summary>
    public long? RawLength { get; }

    /// <summary>The compressed length of a gzip file when the stream can tell.</summary>
    public long? CompressedLength { get; }

    /// <summary>The number of (uncompressed) content bytes read so far.</summary>
    public long Position { get; private set; }

    /// <summary>The first bytes of the file as stored (up to 4), for messages about what the file really is.</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>Wraps <paramref name="stream"/>, read from its current position; the stream stays the caller's.</summary>
    public static IdxContent Open(Stream stream, string name)
    {
        long? available = stream.CanSeek ? stream.Length - stream.Position : null;
        Span<byte> head = stackalloc byte[4];
        int got = ReadRaw(stream, head);
        byte[] signature = head[..got].ToArray();
        var replay = new PrefixedReadStream(signature, stream);
        if (got >= 2 && signature[0] == IdxFormat.GzipId1 && signature[1] == IdxFormat.GzipId2)
        {
            var gzip = new GZipStream(replay, CompressionMode.Decompress, leaveOpen: false);
            return new IdxContent(name, gzip, gzip, signature, null, available);
        }

        return new IdxContent(name, replay, null, signature, available, null);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the content ends; returns the number of bytes read.</summary>
    public int Fill(Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n;
            try
            {
                n = _stream.Read(buffer[total..]);
            }
            catch (InvalidDataException e) when (IsGzip)
            {
                throw Error(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the gzip data is corrupt after {Position + total} uncompressed bytes ({e.Message})"), e);
            }

            if (n == 0) break;
            total += n;
        }

        Position += total;
        return total;
    }

    /// <summary>Reads the rest of the content and returns how many bytes it had.</summary>
    public long Drain(Span<byte> scratch)
    {
        long extra = 0;
        int n;
        while ((n = Fill(scratch)) > 0)
            extra += n;
        return extra;
    }

    /// <summary>An error about this file: <c>name: what</c>.</summary>
    public InvalidDataException Error(string what, Exception? inner = null) => new($"{Name}: {what}", inner);

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static int ReadRaw(Stream stream, Span<byte> buffer)
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
}
