using System;
using System.Buffers.Binary;
using System.Text;

namespace NetGen.Tests.Checkpoints;

/// <summary>Hand-made <c>.npy</c> bytes, for headers and data numpy would never write.</summary>
internal static class NpyBytes
{
    /// <summary>Magic, version, header length, the header text as given (no padding added), then the data.</summary>
    public static byte[] Build(string header, ReadOnlySpan<byte> data, int major = 1)
    {
        byte[] text = major == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        int preamble = major == 1 ? 10 : 12;
        var bytes = new byte[preamble + text.Length + data.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY", bytes.AsSpan(1));
        bytes[6] = (byte)major;
        if (major == 1)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)text.Length);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)text.Length);
        text.CopyTo(bytes, preamble);
        data.CopyTo(bytes.AsSpan(preamble + text.Length));
        return bytes;
    }

    /// <summary>A float32 array with a header whose shape (and dtype) may lie about the data.</summary>
    public static byte[] Float32(string shape, ReadOnlySpan<float> values, string descr = "<f4", string fortran = "False") =>
        Build($"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}\n", Little(values));

    /// <summary>A float64 array.</summary>
    public static byte[] Float64(string shape, ReadOnlySpan<double> values)
    {
        var data = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), values[i]);
        return Build($"{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}\n", data);
    }

    /// <summary>Floats as little-endian bytes.</summary>
    public static byte[] Little(ReadOnlySpan<float> values)
    {
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), values[i]);
        return data;
    }
}
