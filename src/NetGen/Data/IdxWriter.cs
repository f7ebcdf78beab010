using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen.Data;

/// <summary>
/// Writes IDX image and label files (unsigned bytes), the inverse of <see cref="IdxReader"/>: for fixtures, subsets
/// and converted data sets.
/// </summary>
/// <remarks>
/// The path overloads gzip the file when its name ends in <c>.gz</c> and write it raw otherwise; the stream
/// overloads always write raw IDX (wrap the stream in a <see cref="GZipStream"/> to compress).
/// </remarks>
public static class IdxWriter
{
    /// <summary>Writes an image file from pixel bytes.</summary>
    /// <param name="path">The file to create or overwrite; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <param name="pixels">The pixels, <c>count x rows x columns</c>, row-major.</param>
    /// <param name="count">The number of images.</param>
    /// <param name="rows">The height of each image.</param>
    /// <param name="columns">The width of each image.</param>
    public static void WriteImages(string path, ReadOnlySpan<byte> pixels, int count, int rows, int columns)
    {
        CheckImageShape(pixels.Length, count, rows, columns, nameof(pixels));
        using Stream stream = Create(path);
        WriteImages(stream, pixels, count, rows, columns);
    }

    /// <summary>
    /// Writes an image file from pixels in [0, 1], each stored as <c>round(value * 255)</c>, so images read by
    /// <see cref="IdxReader"/> are written back byte for byte.
    /// </summary>
    /// <param name="path">The file to create or overwrite; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <param name="pixels">The pixels, <c>count x rows x columns</c>, row-major, each in [0, 1].</param>
    /// <param name="count">The number of images.</param>
    /// <param name="rows">The height of each image.</param>
    /// <param name="columns">The width of each image.</param>
    public static void WriteImages(string path, ReadOnlySpan<float> pixels, int count, int rows, int columns)
    {
        byte[] bytes = ToBytes(pixels);
        WriteImages(path, bytes, count, rows, columns);
    }

    /// <summary>Writes a raw (uncompressed) image file to a stream.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="pixels">The pixels, <c>count x rows x columns</c>, row-major.</param>
    /// <param name="count">The number of images.</param>
    /// <param name="rows">The height of each image.</param>
    /// <param name="columns">The width of each image.</param>
    public static void WriteImages(Stream stream, ReadOnlySpan<byte> pixels, int count, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckImageShape(pixels.Length, count, rows, columns, nameof(pixels));
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxFormat.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], count);
        BinaryPrimitives.WriteInt32BigEndian(header[8..], rows);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], columns);
        stream.Write(header);
        stream.Write(pixels);
    }

    /// <summary>Writes a label file.</summary>
    /// <param name="path">The file to create or overwrite; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <param name="labels">One byte per label.</param>
    public static void WriteLabels(string path, ReadOnlySpan<byte> labels)
    {
        using Stream stream = Create(path);
        WriteLabels(stream, labels);
    }

    /// <summary>Writes a raw (uncompressed) label file to a stream.</summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="labels">One byte per label.</param>
    public static void WriteLabels(Stream stream, ReadOnlySpan<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, IdxFormat.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], labels.Length);
        stream.Write(header);
        stream.Write(labels);
    }

    /// <summary>Writes a data set as an image file and a label file.</summary>
    /// <param name="dataSet">The images and labels to write.</param>
    /// <param name="imagesPath">The image file; gzip-compressed if it ends in <c>.gz</c>.</param>
    /// <param name="labelsPath">The label file; gzip-compressed if it ends in <c>.gz</c>.</param>
    public static void Write(ImageDataSet dataSet, string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        WriteImages(imagesPath, dataSet.Images, dataSet.Count, dataSet.Rows, dataSet.Columns);
        WriteLabels(labelsPath, dataSet.Labels);
    }

    private static Stream Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionLevel.Optimal, leaveOpen: false)
            : file;
    }

    private static void CheckImageShape(int length, int count, int rows, int columns, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        NetworkGuard.Length(length, count, checked(rows * columns), paramName, nameof(count), "rows x columns");
    }

    private static byte[] ToBytes(ReadOnlySpan<float> pixels)
    {
        var bytes = new byte[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            float value = pixels[i];
            if (!(value >= 0f && value <= 1f))
                throw new ArgumentOutOfRangeException(nameof(pixels), value, string.Create(CultureInfo.InvariantCulture, $"Pixel {i} is {value}; pixels must be in [0, 1]."));
            bytes[i] = (byte)MathF.Round(value * 255f);
        }

        return bytes;
    }
}
