using System;
using System.Collections.Generic;

namespace NetGen.Checkpoints;

/// <summary>An array read from an <c>.npy</c> file: its header and its elements as <see cref="float"/>, in C order.</summary>
public sealed class NpyArray
{
    private readonly float[] _data;

    internal NpyArray(NpyHeader header, float[] data)
    {
        Header = header;
        _data = data;
    }

    /// <summary>The header: format version, the element type in the file, and the shape.</summary>
    public NpyHeader Header { get; }

    /// <summary>The dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape => Header.Shape;

    /// <summary>The elements in C (row-major) order, converted to <see cref="float"/>.</summary>
    public Memory<float> Data => _data;
}
