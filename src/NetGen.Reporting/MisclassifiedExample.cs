using System;

namespace NetGen.Reporting;

/// <summary>One misclassified image: its pixels, where it sits in its data set, its label and the network's prediction.</summary>
public sealed class MisclassifiedExample
{
    private readonly float[] _pixels;

    /// <summary>Keeps a copy of an image and what the network made of it.</summary>
    /// <param name="index">The row of the image in its data set.</param>
    /// <param name="pixels">The pixels, row-major, <paramref name="rows"/> x <paramref name="columns"/>, in [0, 1] (1 is ink).</param>
    /// <param name="rows">The height of the image.</param>
    /// <param name="columns">The width of the image.</param>
    /// <param name="truth">The true class.</param>
    /// <param name="prediction">The predicted class.</param>
    /// <exception cref="ArgumentException">The pixels do not fill the shape, or a number is out of range.</exception>
    public MisclassifiedExample(int index, ReadOnlySpan<float> pixels, int rows, int columns, int truth, int prediction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, 4096);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, 4096);
        ArgumentOutOfRangeException.ThrowIfNegative(truth);
        ArgumentOutOfRangeException.ThrowIfNegative(prediction);
        if (pixels.Length != rows * columns)
            throw new ArgumentException($"An image of {rows}x{columns} has {rows * columns} pixels, not {pixels.Length}.", nameof(pixels));
        Index = index;
        _pixels = pixels.ToArray();
        Rows = rows;
        Columns = columns;
        Truth = truth;
        Prediction = prediction;
    }

    /// <summary>The row of the image in its data set.</summary>
    public int Index { get; }

    /// <summary>The pixels, row-major, in [0, 1] with 1 for ink (the MNIST convention).</summary>
    public ReadOnlySpan<float> Pixels => _pixels;

    /// <summary>The height of the image.</summary>
    public int Rows { get; }

    /// <summary>The width of the image.</summary>
    public int Columns { get; }

    /// <summary>The true class.</summary>
    public int Truth { get; }

    /// <summary>The class the network predicted.</summary>
    public int Prediction { get; }
}
