using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;

namespace NetGen.Checkpoints;

/// <summary>
/// The validated header of an <c>.npy</c> array: format version, element type and shape. Only headers that
/// <see cref="NpyReader"/> can read are ever built: little-endian float32 or float64, C order.
/// </summary>
public sealed class NpyHeader
{
    private readonly int[] _shape;

    internal NpyHeader(int majorVersion, int minorVersion, NpyDataType dataType, int[] shape, int elementCount, int dataOffset)
    {
        MajorVersion = majorVersion;
        MinorVersion = minorVersion;
        DataType = dataType;
        _shape = shape;
        Shape = new ReadOnlyCollection<int>(shape);
        ElementCount = elementCount;
        DataOffset = dataOffset;
    }

    /// <summary>The format's major version: 1, 2 or 3.</summary>
    public int MajorVersion { get; }

    /// <summary>The format's minor version (0 for every version numpy writes).</summary>
    public int MinorVersion { get; }

    /// <summary>The element type stored in the file.</summary>
    public NpyDataType DataType { get; }

    /// <summary>The dimensions, outermost first (C order); empty for a scalar.</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public int ElementCount { get; }

    /// <summary>The size of one element in the file, in bytes: 4 or 8.</summary>
    public int ElementSize => DataType == NpyDataType.Float64 ? 8 : 4;

    /// <summary>The number of data bytes after the header: <see cref="ElementCount"/> times <see cref="ElementSize"/>.</summary>
    public long DataLength => (long)ElementCount * ElementSize;

    /// <summary>Where the data starts, in bytes from the start of the array (the preamble and header lengths).</summary>
    public int DataOffset { get; }

    /// <summary>The numpy type string: <c>&lt;f4</c> or <c>&lt;f8</c>.</summary>
    public string TypeDescriptor => DataType == NpyDataType.Float64 ? "<f8" : "<f4";

    /// <summary>Describes the header, e.g. <c>'&lt;f4' (3, 4), format 1.0</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"'{TypeDescriptor}' {FormatShape(_shape)}, format {MajorVersion}.{MinorVersion}");

    /// <summary>The shape as Python writes the tuple, e.g. <c>(3, 4)</c>.</summary>
    internal string ShapeText => FormatShape(_shape);

    /// <summary>Whether the shape equals <paramref name="shape"/>, dimension by dimension.</summary>
    internal bool ShapeEquals(ReadOnlySpan<int> shape) => shape.SequenceEqual(_shape);

    /// <summary>Writes a shape as Python writes a tuple: <c>(3, 4)</c>, <c>(5,)</c>, <c>()</c>.</summary>
    /// <param name="shape">The dimensions.</param>
    /// <returns>The tuple's text.</returns>
    internal static string FormatShape(ReadOnlySpan<int> shape)
    {
        var text = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(shape[i].ToString(CultureInfo.InvariantCulture));
        }

        if (shape.Length == 1) text.Append(',');
        return text.Append(')').ToString();
    }
}
