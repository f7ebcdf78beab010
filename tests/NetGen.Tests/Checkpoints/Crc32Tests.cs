using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using NetGen.Checkpoints;

namespace NetGen.Tests.Checkpoints;

public sealed class Crc32Tests
{
    [Fact]
    public void CheckValue_OfTheDigits_Is0xCBF43926()
    {
        Assert.Equal(0xCBF43926u, Crc32.Append(Crc32.Initial, Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32.Append(Crc32.Initial, []));
    }

    [Fact]
    public void Appending_InPieces_EqualsTheWhole()
    {
        byte[] bytes = new byte[1000];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i * 31 + 7);
        uint whole = Crc32.Append(Crc32.Initial, bytes);
        foreach (int cut in (int[])[0, 1, 7, 8, 9, 500, 999, 1000])
            Assert.Equal(whole, Crc32.Append(Crc32.Append(Crc32.Initial, bytes.AsSpan(0, cut)), bytes.AsSpan(cut)));
    }

    [Fact]
    public void EqualsTheCrcNumpyRecordedInItsArchive()
    {
        using var archive = new ZipArchive(new MemoryStream(NumpyFixtures.Bytes("savez_compressed.npz")), ZipArchiveMode.Read);
        foreach (ZipArchiveEntry entry in archive.Entries)
        {
            using var content = new MemoryStream();
            using (Stream stream = entry.Open()) stream.CopyTo(content);
            Assert.Equal(entry.Crc32, Crc32.Append(Crc32.Initial, content.ToArray()));
        }
    }
}
