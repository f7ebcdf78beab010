using System;
using System.Globalization;
using System.IO;

namespace NetGen.Data;

/// <summary>
/// Labelled grayscale images in memory, as MNIST and Fashion-MNIST ship them: pixels scaled to [0, 1] in one
/// contiguous row-major array (ready to pass as a network's inputs) and one byte label per image.
/// </summary>
/// <example>
/// <code>
/// ImageDataSet train = ImageDataSet.LoadTrain("data/mnist");   // train-images-idx3-ubyte[.gz] + labels
/// ImageDataSet test = ImageDataSet.LoadTest("data/mnist");     // t10k-images-idx3-ubyte[.gz] + labels
/// network.TrainEpoch(train.Images, train.Labels, train.Count, 0.2f, 100);
/// </code>
/// </example>
public sealed class ImageDataSet
{
    /// <summary>The split name of the training files (<c>train-*</c>).</summary>
    public const string TrainSplit = "train";

    /// <summary>The split name of the test files (<c>t10k-*</c>); <c>"t10k"</c> is accepted as well.</summary>
    public const string TestSplit = "test";

    /// <summary>Wraps images and labels already in memory (the arrays are used as they are, not copied).</summary>
    /// <param name="images">The pixels, <c>labels.Length x rows x columns</c>, row-major.</param>
    /// <param name="labels">One label per image.</param>
    /// <param name="rows">The height of each image.</param>
    /// <param name="columns">The width of each image.</param>
    /// <exception cref="ArgumentException">The lengths do not agree with the shape.</exception>
    public ImageDataSet(float[] images, byte[] labels, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        NetworkGuard.Length(images.Length, labels.Length, checked(rows * columns), nameof(images), "labels.Length", "rows x columns");
        Images = images;
        Labels = labels;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>
    /// All pixels, <c>Count x ImageSize</c>, each in [0, 1]: image <c>i</c> starts at <c>i * ImageSize</c>, and
    /// within an image row <c>r</c> column <c>c</c> is at <c>r * Columns + c</c>.
    /// </summary>
    public float[] Images { get; }

    /// <summary>The label of each image (0 to 9 for MNIST and Fashion-MNIST).</summary>
    public byte[] Labels { get; }

    /// <summary>The number of images (and labels).</summary>
    public int Count => Labels.Length;

    /// <summary>The height of each image in pixels (28 for MNIST).</summary>
    public int Rows { get; }

    /// <summary>The width of each image in pixels (28 for MNIST).</summary>
    public int Columns { get; }

    /// <summary>The number of pixels per image, <c>Rows * Columns</c> (784 for MNIST): a network's input size.</summary>
    public int ImageSize => Rows * Columns;

    /// <summary>Loads a split from the standard file names in a folder, gzip-compressed or raw.</summary>
    /// <param name="directory">The folder with the IDX files, e.g. <c>data/mnist</c> or <c>/usr/share/datasets/fashion-mnist</c>.</param>
    /// <param name="split"><c>"train"</c> (files <c>train-*</c>), or <c>"test"</c> or <c>"t10k"</c> (files <c>t10k-*</c>).</param>
    /// <returns>The images and labels of the split.</returns>
    /// <remarks>
    /// For the images of the train split it looks for <c>train-images-idx3-ubyte</c>, then
    /// <c>train-images-idx3-ubyte.gz</c>, then the same with <c>.idx3-ubyte</c> (the dotted names of some copies);
    /// labels likewise (<c>train-labels-idx1-ubyte</c>, ...). A raw file is preferred to a compressed one because it
    /// loads faster. Whether a file is compressed is decided by its content, not its name.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="split"/> is not one of the three names.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The images or the labels are missing; the message lists the names tried.</exception>
    /// <exception cref="InvalidDataException">A file is malformed, or the two files hold different numbers of items.</exception>
    public static ImageDataSet Load(string directory, string split)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(split);
        string prefix = FilePrefix(split);
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException(
                $"The data folder '{directory}' (full path '{Path.GetFullPath(directory)}') does not exist. For MNIST, data/fetch-mnist.sh in the NetGen repository fetches and verifies the files.");
        string images = FindFile(directory, prefix, "images", 3);
        string labels = FindFile(directory, prefix, "labels", 1);
        return FromFiles(images, labels);
    }

    /// <summary>Loads the training split (<c>train-images-idx3-ubyte[.gz]</c>, <c>train-labels-idx1-ubyte[.gz]</c>).</summary>
    /// <param name="directory">The folder with the IDX files.</param>
    /// <returns>The training images and labels.</returns>
    public static ImageDataSet LoadTrain(string directory) => Load(directory, TrainSplit);

    /// <summary>Loads the test split (<c>t10k-images-idx3-ubyte[.gz]</c>, <c>t10k-labels-idx1-ubyte[.gz]</c>).</summary>
    /// <param name="directory">The folder with the IDX files.</param>
    /// <returns>The test images and labels.</returns>
    public static ImageDataSet LoadTest(string directory) => Load(directory, TestSplit);

    /// <summary>Loads an image file and its label file, whatever their names.</summary>
    /// <param name="imagesPath">An IDX3 image file, gzip-compressed or raw.</param>
    /// <param name="labelsPath">An IDX1 label file, gzip-compressed or raw.</param>
    /// <returns>The images and labels.</returns>
    /// <exception cref="InvalidDataException">A file is malformed, or the image count differs from the label count.</exception>
    public static ImageDataSet FromFiles(string imagesPath, string labelsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        byte[] labels = IdxReader.ReadLabels(labelsPath);
        IdxImages images = IdxReader.ReadImages(imagesPath);
        if (images.Count != labels.Length)
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The image and label files disagree: {imagesPath} has {images.Count} images but {labelsPath} has {labels.Length} labels."));
        return new ImageDataSet(images.Pixels, labels, images.Rows, images.Columns);
    }

    /// <summary>The pixels of image <paramref name="index"/>.</summary>
    /// <param name="index">From 0 to <c>Count - 1</c>.</param>
    /// <returns>A view of <c>ImageSize</c> pixels in <see cref="Images"/>.</returns>
    public ReadOnlySpan<float> Image(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Images.AsSpan(index * ImageSize, ImageSize);
    }

    /// <summary>A copy of the first <paramref name="count"/> images and labels (all of them if there are fewer).</summary>
    /// <param name="count">The most rows to keep; zero or more.</param>
    /// <returns>A new data set with its own arrays.</returns>
    public ImageDataSet Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Math.Min(count, Count);
        return new ImageDataSet(Images.AsSpan(0, n * ImageSize).ToArray(), Labels.AsSpan(0, n).ToArray(), Rows, Columns);
    }

    /// <summary>
    /// The first <paramref name="firstCount"/> images and the rest, as views of this data set's arrays (nothing is
    /// copied): for example a training and a validation set, <c>Split(50_000)</c> of MNIST's 60,000.
    /// </summary>
    /// <param name="firstCount">The images of the first part, from 0 to <see cref="Count"/>.</param>
    /// <returns>Images <c>0</c> to <c>firstCount - 1</c>, then <c>firstCount</c> to <c>Count - 1</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="firstCount"/> is negative or above <see cref="Count"/>.</exception>
    public (ImageDataSlice First, ImageDataSlice Second) Split(int firstCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstCount, Count);
        return (Slice(0, firstCount), Slice(firstCount, Count - firstCount));
    }

    /// <summary>A run of images as a view of this data set's arrays (nothing is copied).</summary>
    /// <param name="start">The first image, from 0 to <see cref="Count"/>.</param>
    /// <param name="count">The number of images, from 0 to <c>Count - start</c>.</param>
    /// <returns>The images <c>start</c> to <c>start + count - 1</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The run does not lie within the data set.</exception>
    public ImageDataSlice Slice(int start, int count) => AsSlice().Slice(start, count);

    /// <summary>The whole data set as an <see cref="ImageDataSlice"/> (nothing is copied).</summary>
    /// <returns>A view of every image.</returns>
    public ImageDataSlice AsSlice() => new(Images, Labels, ImageSize);

    /// <summary>A one-line description, e.g. <c>10000 images of 28x28</c>.</summary>
    /// <returns>The count and shape.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count} images of {Rows}x{Columns}");

    private static string FilePrefix(string split)
    {
        if (string.Equals(split, TrainSplit, StringComparison.OrdinalIgnoreCase)) return "train";
        if (string.Equals(split, TestSplit, StringComparison.OrdinalIgnoreCase) || string.Equals(split, "t10k", StringComparison.OrdinalIgnoreCase))
            return "t10k";
        throw new ArgumentException($"Unknown split '{split}'; expected \"train\", \"test\" or \"t10k\".", nameof(split));
    }

    private static string FindFile(string directory, string prefix, string kind, int dimensions)
    {
        string[] names =
        [
            $"{prefix}-{kind}-idx{dimensions}-ubyte",
            $"{prefix}-{kind}-idx{dimensions}-ubyte.gz",
            $"{prefix}-{kind}.idx{dimensions}-ubyte",
            $"{prefix}-{kind}.idx{dimensions}-ubyte.gz",
        ];
        foreach (string name in names)
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path)) return path;
        }

        throw new FileNotFoundException(
            $"No {prefix} {kind} in '{directory}': looked for {string.Join(", ", names)}.",
            Path.Combine(directory, names[1]));
    }
}
