using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace NetGen.Tests.Checkpoints;

/// <summary>Zip archives built entry by entry, and a locator for an entry's data, to corrupt it on purpose.</summary>
internal static class ZipBytes
{
    /// <summary>A zip with the given entries in order, stored or deflated.</summary>
    public static byte[] Build(params (string Name, byte[] Content)[] entries) => Build(CompressionLevel.NoCompression, entries);

    public static byte[] Build(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] content) in entries)
            {
                using Stream stream = archive.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }

        return memory.ToArray();
    }

    /// <summary>The fixture's three arrays as numpy wrote them, as (name, bytes) pairs, read back from savez_float32.npz.</summary>
    public static (string Name, byte[] Content)[] FixtureEntries()
    {
        using var archive = new ZipArchive(new MemoryStream(NumpyFixtures.Bytes("savez_float32.npz")), ZipArchiveMode.Read);
        var entries = new (string, byte[])[archive.Entries.Count];
        for (int i = 0; i < entries.Length; i++)
        {
            using var content = new MemoryStream();
            using (Stream stream = archive.Entries[i].Open()) stream.CopyTo(content);
            entries[i] = (archive.Entries[i].FullName, content.ToArray());
        }

        return entries;
    }

    /// <summary>Sets the compression method of an entry in both its local header and the central directory.</summary>
    public static void SetCompressionMethod(byte[] zip, string entryName, ushort method)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        int found = 0;
        for (int i = 0; i + 46 <= zip.Length; i++)
        {
            uint signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            if (signature == 0x04034b50 && zip.AsSpan(i + 30, Math.Min(name.Length, zip.Length - i - 30)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(i + 8), method);
                found++;
            }
            else if (signature == 0x02014b50 && zip.AsSpan(i + 46, Math.Min(name.Length, zip.Length - i - 46)).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt16LittleEndian(zip.AsSpan(i + 10), method);
                found++;
            }
        }

        if (found != 2) throw new InvalidOperationException($"Found {found} headers for '{entryName}', expected 2.");
    }

    /// <summary>Where the (possibly compressed) data of an entry starts, from its local file header.</summary>
    public static int DataOffset(byte[] zip, string entryName)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        for (int i = 0; i + 30 <= zip.Length; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) != 0x04034b50) continue;
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 26));
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(i + 28));
            if (zip.AsSpan(i + 30, nameLength).SequenceEqual(name))
                return i + 30 + nameLength + extraLength;
        }

        throw new InvalidOperationException($"No local header for '{entryName}'.");
    }
}
