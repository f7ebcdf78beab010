using System;

namespace NetGen.Data;

/// <summary>The images of one IDX image file: pixels scaled to [0, 1], row-major, one image after another.</summary>
public sealed class IdxImages
{
    internal IdxImages(float[] pixels, int count, int rows, int columns)
    {
        Pixels = pixels;
        Count = count;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>
    /// All pixels, <c>Count x (Rows * Columns)</c>, each stored byte <c>b</c> as <c>b / 255f</c>. Image <c>i</c>
    /// starts at <c>i * ImageSize</c>; within an image, row <c>r</c> column <c>c</c> is at <c>r * Columns + c</c>.
    /// </summary>
    public float[] Pixels { get; }

    /// <summary>The number of images.</summary>
    public int Count { get; }

    /// <summary>The height of each image in pixels.</summary>
    public int Rows { get; }

    /// <summary>The width of each image in pixels.</summary>
    public int Columns { get; }

    /// <summary>The number of pixels per image, <c>Rows * Columns</c> (784 for MNIST).</summary>
    public int ImageSize => Rows * Columns;

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <c>Count - 1</c>.</param>
    public ReadOnlySpan<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Pixels.AsSpan(index * ImageSize, ImageSize);
    }
}
