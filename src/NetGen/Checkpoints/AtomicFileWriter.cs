using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;

namespace NetGen.Checkpoints;

/// <summary>
/// Replaces a file atomically: writes go to a uniquely named temporary file in the destination's folder;
/// <see cref="Commit"/> flushes it to disk and renames it over the destination. Disposing without a commit (an
/// exception while writing) deletes the temporary file, and the previous destination file stays as it was.
/// </summary>
/// <remarks>
/// Use: <c>using var file = AtomicFileWriter.Create(path, null); Write(file.Stream); file.Commit();</c>. The rename
/// is atomic on the same volume (POSIX <c>rename</c>, Windows <c>MoveFileEx</c> with replace), so a reader sees
/// either the old file or the complete new one, never a torn write.
/// </remarks>
internal sealed class AtomicFileWriter : IDisposable
{
    private readonly string _destination;
    private readonly string _temporary;
    private bool _committed;
    private bool _disposed;

    private AtomicFileWriter(string destination, string temporary, Stream stream)
    {
        _destination = destination;
        _temporary = temporary;
        Stream = stream;
    }

    /// <summary>The stream to write the new content to.</summary>
    public Stream Stream { get; }

    /// <summary>The temporary file's full path (for tests and diagnostics).</summary>
    public string TemporaryPath => _temporary;

    /// <summary>Creates the temporary file beside <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="openTemporary">
    /// Opens the temporary file given its full path; <see langword="null"/> for a new <see cref="FileStream"/>
    /// (<see cref="FileMode.CreateNew"/>). A seam for tests that make the output fail halfway.
    /// </param>
    /// <returns>The writer; dispose it in every case.</returns>
    public static AtomicFileWriter Create(string path, Func<string, Stream>? openTemporary)
    {
        string destination = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(destination)
            ?? throw new ArgumentException($"'{path}' names a root folder, not a file.", nameof(path));
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        string temporary = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(destination)}.{suffix}.tmp"));
        Stream stream;
        try
        {
            stream = openTemporary is null
                ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16)
                : openTemporary(temporary);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        return new AtomicFileWriter(destination, temporary, stream);
    }

    /// <summary>Flushes the temporary file to disk, closes it and renames it over the destination.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Stream is FileStream file)
            file.Flush(flushToDisk: true);
        else
            Stream.Flush();
        Stream.Dispose();
        File.Move(_temporary, _destination, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the temporary file and, unless committed, deletes it.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_committed) return;
        try
        {
            Stream.Dispose();
        }
        catch (IOException)
        {
            // The write already failed; the stream's own failure to close is not the news. The file goes anyway.
        }
        finally
        {
            TryDelete(_temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the original exception matters more than a temporary file we could not remove.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
