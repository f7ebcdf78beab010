using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// A contiguous run of the images of an <see cref="ImageDataSet"/>, without a copy: views of its pixel and label
/// arrays. Made by <see cref="ImageDataSet.Split"/> (for example 50,000 training and 10,000 validation images out of
/// MNIST's 60,000) or <see cref="ImageDataSet.Slice"/>, and passed to a network as <see cref="Images"/> and
/// <see cref="Labels"/>.
/// </summary>
/// <example>
/// <code>
/// (ImageDataSlice training, ImageDataSlice validation) = train.Split(50_000);
/// network.TrainEpoch(training.Images, training.Labels, training.Count, 0.2f, 100);
/// Evaluation check = network.Evaluate(validation.Images, validation.Labels, validation.Count);
/// </code>
/// </example>
public readonly struct ImageDataSlice
{
    private readonly ReadOnlyMemory<float> _images;
    private readonly ReadOnlyMemory<byte> _labels;

    internal ImageDataSlice(ReadOnlyMemory<float> images, ReadOnlyMemory<byte> labels, int imageSize)
    {
        _images = images;
        _labels = labels;
        ImageSize = imageSize;
    }

    /// <summary>The pixels, <c>Count x ImageSize</c>, row-major: the same memory as the data set's.</summary>
    public ReadOnlySpan<float> Images => _images.Span;

    /// <summary>One label per image: the same memory as the data set's.</summary>
    public ReadOnlySpan<byte> Labels => _labels.Span;

    /// <summary>The pixels as memory, to keep beyond a method (for example in a field).</summary>
    public ReadOnlyMemory<float> ImageMemory => _images;

    /// <summary>The labels as memory.</summary>
    public ReadOnlyMemory<byte> LabelMemory => _labels;

    /// <summary>The number of images.</summary>
    public int Count => _labels.Length;

    /// <summary>The pixels per image (784 for MNIST).</summary>
    public int ImageSize { get; }

    /// <summary>A run of this slice's images, without a copy.</summary>
    /// <param name="start">The first image, from 0 to <see cref="Count"/>.</param>
    /// <param name="count">The number of images, from 0 to <c>Count - start</c>.</param>
    /// <returns>The images <c>start</c> to <c>start + count - 1</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The run does not lie within the slice.</exception>
    public ImageDataSlice Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(count), count, string.Create(CultureInfo.InvariantCulture, $"Images {start} to {start + (long)count - 1} are not all among the {Count} images."));
        return new ImageDataSlice(_images.Slice(start * ImageSize, count * ImageSize), _labels.Slice(start, count), ImageSize);
    }

    /// <summary>A one-line description, e.g. <c>10000 images of 784 pixels</c>.</summary>
    /// <returns>The count and size.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} images of {ImageSize} pixels");
}
