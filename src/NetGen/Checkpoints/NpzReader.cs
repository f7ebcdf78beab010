using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace NetGen.Checkpoints;

/// <summary>
/// Opens an <c>.npz</c> archive as <c>numpy.savez</c> and <c>numpy.savez_compressed</c> write it (a zip of
/// <c>NAME.npy</c> entries, stored or deflated, with zip64 local headers) and hands out its entries as streams that
/// check their own length and CRC-32.
/// </summary>
internal sealed class NpzReader : IDisposable
{
    private readonly ZipArchive _archive;
    private readonly MemoryStream? _copy;

    private NpzReader(ZipArchive archive, MemoryStream? copy, IReadOnlyList<ZipArchiveEntry> entries)
    {
        _archive = archive;
        _copy = copy;
        Entries = entries;
    }

    /// <summary>The archive's entries in directory order.</summary>
    public IReadOnlyList<ZipArchiveEntry> Entries { get; }

    /// <summary>Opens the archive and reads its directory.</summary>
    /// <param name="stream">The archive; left open. A stream that cannot seek is copied into memory first.</param>
    /// <param name="context">The file, for messages: <c>'model.npz'</c>.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="InvalidDataException">The stream is not a zip archive, or its directory is truncated or corrupt.</exception>
    public static NpzReader Open(Stream stream, string context)
    {
        MemoryStream? copy = null;
        if (!stream.CanSeek)
        {
            copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        long start = stream.Position;
        Span<byte> head = stackalloc byte[8];
        int read = NpyReader.ReadFully(stream, head);
        stream.Position = start;
        head = head[..read];
        if (head.StartsWith(NpyReader.Magic))
            throw new InvalidDataException(
                $"{context}: not an .npz checkpoint: expected a zip archive (starting with \"PK\"), found a single .npy array; load it with NetworkCheckpoint.LoadArray.");
        if (read < 4 || head[0] != 'P' || head[1] != 'K')
            throw new InvalidDataException(
                $"{context}: not an .npz checkpoint: expected a zip archive (starting with \"PK\"), found {NpyReader.DescribeBytes(head)}.");

        ZipArchive? archive = null;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return new NpzReader(archive, copy, archive.Entries);
        }
        catch (InvalidDataException ex)
        {
            archive?.Dispose();
            copy?.Dispose();
            throw new InvalidDataException(
                $"{context}: not a valid .npz (zip) archive: expected a complete zip directory at the end, found a truncated or corrupt file of {stream.Length} bytes ({ex.Message})",
                ex);
        }
    }

    /// <summary>The array name of an entry, as <c>numpy.load</c> reports it: the entry name without <c>.npy</c>.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The name, or <see langword="null"/> when the entry is not an <c>.npy</c> array.</returns>
    public static string? ArrayName(ZipArchiveEntry entry) =>
        entry.FullName.EndsWith(".npy", StringComparison.Ordinal) && entry.FullName.Length > 4
            ? entry.FullName[..^4]
            : null;

    /// <summary>Opens an entry for reading through a length- and CRC-checking stream.</summary>
    /// <param name="entry">One of <see cref="Entries"/>.</param>
    /// <param name="context">The file and array, for messages: <c>'model.npz', array 'W1'</c>.</param>
    /// <returns>The entry's uncompressed bytes.</returns>
    /// <exception cref="InvalidDataException">The entry's local header is corrupt, or it uses a compression method or encryption that is not supported.</exception>
    public static ZipEntryReadStream OpenEntry(ZipArchiveEntry entry, string context)
    {
        Stream inner;
        try
        {
            inner = entry.Open();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{context}: cannot read the zip entry '{entry.FullName}': {ex.Message}", ex);
        }

        return new ZipEntryReadStream(inner, context, entry.FullName, entry.Length, entry.Crc32);
    }

    /// <summary>Closes the archive (not the stream it was opened on).</summary>
    public void Dispose()
    {
        _archive.Dispose();
        _copy?.Dispose();
    }
}
