using System;

namespace NetGen.Checkpoints;

/// <summary>
/// The CRC-32 of zip archives (IEEE 802.3, reflected polynomial <c>0xEDB88320</c>), computed with slicing-by-8
/// tables. <c>System.IO.Hashing</c> has the same function but is a separate package.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of an empty input: the state to start <see cref="Append"/> from.</summary>
    public const uint Initial = 0;

    /// <summary>Extends a CRC with more bytes: <c>Append(Append(0, a), b) == Append(0, a + b)</c>.</summary>
    /// <param name="crc">The CRC of the bytes so far (<see cref="Initial"/> for none).</param>
    /// <param name="bytes">The next bytes.</param>
    /// <returns>The CRC of the bytes so far followed by <paramref name="bytes"/>.</returns>
    public static uint Append(uint crc, ReadOnlySpan<byte> bytes)
    {
        uint[] table = Table;
        uint c = ~crc;
        while (bytes.Length >= 8)
        {
            uint low = c ^ (uint)(bytes[0] | bytes[1] << 8 | bytes[2] << 16 | bytes[3] << 24);
            c = table[(7 * 256) + (low & 0xFF)]
                ^ table[(6 * 256) + ((low >> 8) & 0xFF)]
                ^ table[(5 * 256) + ((low >> 16) & 0xFF)]
                ^ table[(4 * 256) + (low >> 24)]
                ^ table[(3 * 256) + bytes[4]]
                ^ table[(2 * 256) + bytes[5]]
                ^ table[256 + bytes[6]]
                ^ table[bytes[7]];
            bytes = bytes[8..];
        }

        foreach (byte b in bytes)
            c = table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }

        for (int slice = 1; slice < 8; slice++)
            for (int i = 0; i < 256; i++)
            {
                uint previous = table[((slice - 1) * 256) + i];
                table[(slice * 256) + i] = table[previous & 0xFF] ^ (previous >> 8);
            }

        return table;
    }
}
