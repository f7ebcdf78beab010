using System;
using System.IO;

namespace NetGen.Tests.Checkpoints;

/// <summary>Passes writes through to an inner stream until a byte budget is spent, then throws, like a disk that fills up.</summary>
internal sealed class ThrowingStream : Stream
{
    private readonly Stream _inner;
    private readonly long _failAfter;
    private long _written;

    public ThrowingStream(Stream inner, long failAfter)
    {
        _inner = inner;
        _failAfter = failAfter;
    }

    public override bool CanRead => false;

    public override bool CanSeek => _inner.CanSeek;

    public override bool CanWrite => true;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long room = _failAfter - _written;
        if (buffer.Length > room)
        {
            if (room > 0) _inner.Write(buffer[..(int)room]);
            _written = _failAfter;
            throw new IOException("No space left on device (simulated).");
        }

        _inner.Write(buffer);
        _written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => _inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => _inner.SetLength(value);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _inner.Dispose();
        base.Dispose(disposing);
    }
}
