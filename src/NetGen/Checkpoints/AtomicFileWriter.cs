using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace NetGen.Checkpoints;

/// <summary>
/// Replaces a file atomically: writes go to a uniquely named temporary file in the destination's folder;
/// <see cref="Commit"/> flushes it to disk and renames it over the destination. Disposing without a commit (an
/// exception while writing) deletes the temporary file, and the previous destination file stays as it was.
/// </summary>
/// <remarks>
/// <para>Use: <c>using var file = AtomicFileWriter.Create(path, null); Write(file.Stream); file.Commit();</c>. The rename
/// is atomic on the same volume (POSIX <c>rename</c>, Windows <c>MoveFileEx</c> with replace), so a reader sees
/// either the old file or the complete new one, never a torn write.</para>
/// <para>A process killed while saving leaves its temporary file behind; the next save to the same destination deletes
/// it. The temporary file stays open and locked (a shared lock, taken by the runtime for any share mode but
/// <see cref="FileShare.None"/>) from its creation until it has been renamed over the destination, so a leftover can
/// be told from a save in progress (another process's, or another thread's): only a leftover can be opened with
/// <see cref="FileShare.None"/>. The temporary name is <c>.{name}.{16 hex digits}.tmp</c>, the destination's name
/// shortened (and marked with a hash of the whole name) when that would be longer than 255 UTF-8 bytes, the limit of
/// one name on common file systems.</para>
/// </remarks>
internal sealed class AtomicFileWriter : IDisposable
{
    /// <summary>The longest file name, in UTF-8 bytes, of ext4, XFS, btrfs, APFS and (in UTF-16 units) NTFS.</summary>
    public const int MaxNameBytes = 255;

    private const string Extension = ".tmp";
    private const int SuffixDigits = 16;

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

    /// <summary>Creates the temporary file beside <paramref name="path"/>, after deleting the ones killed saves left there.</summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="openTemporary">
    /// Opens the temporary file given its full path; <see langword="null"/> for a new <see cref="FileStream"/>
    /// (<see cref="FileMode.CreateNew"/>, locked until committed). A seam for tests that make the output fail halfway.
    /// </param>
    /// <returns>The writer; dispose it in every case.</returns>
    public static AtomicFileWriter Create(string path, Func<string, Stream>? openTemporary)
    {
        string destination = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(destination)
            ?? throw new ArgumentException($"'{path}' names a root folder, not a file.", nameof(path));
        string prefix = TemporaryPrefix(Path.GetFileName(destination));
        DeleteLeftovers(folder, prefix);
        string suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SuffixDigits / 2));
        string temporary = Path.Combine(folder, prefix + suffix + Extension);
        Stream stream;
        try
        {
            // FileShare.Delete: the file can be renamed while open (on Windows too), and the lock is shared, not exclusive.
            stream = openTemporary is null
                ? new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.Delete, bufferSize: 1 << 16)
                : openTemporary(temporary);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }

        return new AtomicFileWriter(destination, temporary, stream);
    }

    /// <summary>
    /// The temporary files of <paramref name="destinationName"/> start with this: <c>.{name}.</c>, or, when the name is
    /// too long for the temporary name to fit <see cref="MaxNameBytes"/>, <c>.{start of the name}~{hash of the name}.</c>.
    /// </summary>
    internal static string TemporaryPrefix(string destinationName)
    {
        int room = MaxNameBytes - 2 - SuffixDigits - Extension.Length; // the leading and separating dots
        if (Encoding.UTF8.GetByteCount(destinationName) <= room)
            return "." + destinationName + ".";

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(destinationName)).AsSpan(0, 8));
        int keep = room - 1 - hash.Length; // the '~'
        var start = new StringBuilder();
        int bytes = 0;
        foreach (Rune rune in destinationName.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > keep)
                break;
            start.Append(rune.ToString());
            bytes += rune.Utf8SequenceLength;
        }

        return "." + start + "~" + hash + ".";
    }

    /// <summary>
    /// Deletes the temporary files of killed saves to the same destination: those nobody holds open (a save in progress
    /// holds its file open until the rename, so opening it exclusively fails and it is left alone).
    /// </summary>
    private static void DeleteLeftovers(string folder, string prefix)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, prefix + new string('?', SuffixDigits) + Extension);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // the save itself will report a folder it cannot use
        }

        foreach (string candidate in candidates)
        {
            string name = Path.GetFileName(candidate);
            if (!name.StartsWith(prefix, StringComparison.Ordinal)
                || !IsHex(name.AsSpan(prefix.Length, name.Length - prefix.Length - Extension.Length)))
                continue;
            try
            {
                // Exclusive: fails while a save holds the file. Deleted when closed, so it is gone before anyone reuses the name.
                using var leftover = new FileStream(candidate, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // In use by a save in progress, or not ours to delete: leave it.
            }
        }
    }

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        if (text.Length != SuffixDigits)
            return false;
        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
                return false;
        }

        return true;
    }

    /// <summary>Flushes the temporary file to disk, closes it and renames it over the destination.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Stream is FileStream file)
            file.Flush(flushToDisk: true);
        else
            Stream.Flush();

        // Renamed while still open, so that no other save takes the temporary file for a leftover in between.
        try
        {
            File.Move(_temporary, _destination, overwrite: true);
        }
        catch (IOException) when (Stream is not FileStream)
        {
            // A stream from the test seam may hold the file without FileShare.Delete: close it first.
            Stream.Dispose();
            File.Move(_temporary, _destination, overwrite: true);
        }

        _committed = true;
        Stream.Dispose();
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
