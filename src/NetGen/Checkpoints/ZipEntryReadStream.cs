using System;
using System.Globalization;
using System.IO;
using System.IO.Hashing;

namespace NetGen.Checkpoints;

/// <summary>
/// Reads one zip entry and checks its integrity: when the entry's data ends, the number of bytes and their CRC-32
/// must equal what the archive's directory records; decompression errors are reported with the file and array
/// they occurred in.
/// </summary>
internal sealed class ZipEntryReadStream : Stream
{
    private readonly Stream _inner;
    private readonly string _context;
    private readonly string _entryName;
    private readonly long _expectedLength;
    private readonly uint _expectedCrc;
    private long _length;
    private readonly Crc32 _crc = new();
    private bool _verified;

    /// <summary>Wraps an opened entry.</summary>
    /// <param name="inner">The stream from <c>ZipArchiveEntry.Open</c>; disposed with this one.</param>
    /// <param name="context">The file and array, for messages: <c>'model.npz', array 'W1'</c>.</param>
    /// <param name="entryName">The entry's name in the archive.</param>
    /// <param name="expectedLength">The uncompressed length the directory records.</param>
    /// <param name="expectedCrc">The CRC-32 the directory records.</param>
    public ZipEntryReadStream(Stream inner, string context, string entryName, long expectedLength, uint expectedCrc)
    {
        _inner = inner;
        _context = context;
        _entryName = entryName;
        _expectedLength = expectedLength;
        _expectedCrc = expectedCrc;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        int n;
        try
        {
            n = _inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException(
                $"{_context}: the zip entry '{_entryName}' is corrupt: expected data that decompresses cleanly, found an error after {_length} bytes ({ex.Message})",
                ex);
        }

        if (n == 0)
        {
            Verify();
            return 0;
        }

        _length += n;
        _crc.Append(buffer[..n]);
        if (_length > _expectedLength)
            throw Mismatch("length", _expectedLength.ToString(CultureInfo.InvariantCulture) + " bytes", "more");
        return n;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }

    private void Verify()
    {
        if (_verified) return;
        if (_length != _expectedLength)
            throw Mismatch("length", _expectedLength.ToString(CultureInfo.InvariantCulture) + " bytes", _length.ToString(CultureInfo.InvariantCulture));
        uint crc = _crc.GetCurrentHashAsUInt32();
        if (crc != _expectedCrc)
            throw Mismatch("CRC-32", "0x" + _expectedCrc.ToString("X8", CultureInfo.InvariantCulture), "0x" + crc.ToString("X8", CultureInfo.InvariantCulture));
        _verified = true;
    }

    private InvalidDataException Mismatch(string what, string expected, string found) =>
        new($"{_context}: the zip entry '{_entryName}' is corrupt ({what} mismatch): expected {expected} as the archive's directory records, found {found}.");
}
