using System;
using System.IO;
using System.IO.Compression;

namespace NetGen.Checkpoints;

/// <summary>
/// Writes an <c>.npz</c> archive as <c>numpy.savez</c> does: one stored (uncompressed) <c>NAME.npy</c> entry per
/// array. Entries carry a fixed timestamp so that the same arrays always give the same bytes.
/// </summary>
internal sealed class NpzWriter : IDisposable
{
    /// <summary>The timestamp of every entry (zip stores local time without a zone; a fixed one keeps files reproducible).</summary>
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ZipArchive _archive;

    /// <summary>Starts an archive on a stream, which stays open.</summary>
    /// <param name="stream">The destination.</param>
    public NpzWriter(Stream stream) => _archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>Adds an array as the entry <c>{name}.npy</c>.</summary>
    /// <param name="name">The array name, as <c>numpy.load</c> will report it.</param>
    /// <param name="data">The elements in C order.</param>
    /// <param name="shape">The dimensions.</param>
    public void Add(string name, ReadOnlySpan<float> data, ReadOnlySpan<int> shape)
    {
        ZipArchiveEntry entry = _archive.CreateEntry(name + ".npy", CompressionLevel.NoCompression);
        entry.LastWriteTime = EntryTime;
        using Stream stream = entry.Open();
        NpyWriter.Write(stream, data, shape, minimumMajorVersion: 1);
    }

    /// <summary>Writes the archive's directory; the archive is complete only after this.</summary>
    public void Dispose() => _archive.Dispose();
}
