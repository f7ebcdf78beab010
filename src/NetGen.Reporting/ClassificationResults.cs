using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using NetGen.Data;

namespace NetGen.Reporting;

/// <summary>How a classifier did on a labelled data set: the confusion matrix and the first misclassified images.</summary>
public sealed class ClassificationResults
{
    /// <summary>How many misclassified images <see cref="Evaluate"/> keeps unless told otherwise (a 6 x 6 grid).</summary>
    public const int DefaultExampleCount = 36;

    /// <summary>The rows passed to one <see cref="IClassifier.Predict"/> call by <see cref="Evaluate"/>.</summary>
    internal const int PredictChunk = 1000;

    /// <summary>Wraps a confusion matrix and misclassified examples computed elsewhere.</summary>
    /// <param name="confusion">The counts.</param>
    /// <param name="misclassified">Misclassified images in data set order (usually the first few); copied.</param>
    /// <exception cref="ArgumentException">An example is correctly classified, has a class outside the matrix, or there are more examples than errors.</exception>
    public ClassificationResults(ConfusionMatrix confusion, IReadOnlyList<MisclassifiedExample> misclassified)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        ArgumentNullException.ThrowIfNull(misclassified);
        var copy = new MisclassifiedExample[misclassified.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            MisclassifiedExample example = misclassified[i] ?? throw new ArgumentException("An example is null.", nameof(misclassified));
            if (example.Truth >= confusion.Classes || example.Prediction >= confusion.Classes)
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Example {i} (row {example.Index}) has a class outside 0..{confusion.Classes - 1}."),
                    nameof(misclassified));
            if (example.Truth == example.Prediction)
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Example {i} (row {example.Index}) is classified correctly."),
                    nameof(misclassified));
            copy[i] = example;
        }

        if (copy.Length > confusion.Errors)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{copy.Length} misclassified examples but the matrix counts only {confusion.Errors} errors."),
                nameof(misclassified));
        Confusion = confusion;
        Misclassified = new ReadOnlyCollection<MisclassifiedExample>(copy);
    }

    /// <summary>The confusion matrix: rows are the true class, columns the prediction.</summary>
    public ConfusionMatrix Confusion { get; }

    /// <summary>Misclassified images, in data set order.</summary>
    public IReadOnlyList<MisclassifiedExample> Misclassified { get; }

    /// <summary>The number of rows evaluated.</summary>
    public int Count => Confusion.Total;

    /// <summary>The number of misclassified rows (all of them, not only those in <see cref="Misclassified"/>).</summary>
    public int Errors => Confusion.Errors;

    /// <summary>The fraction of rows misclassified.</summary>
    public double ErrorRate => Confusion.ErrorRate;

    /// <summary>
    /// Runs <paramref name="classifier"/> over every image of <paramref name="data"/> (through
    /// <see cref="IClassifier.Predict"/>, a thousand rows per call) and counts its confusion matrix, keeping the
    /// first <paramref name="maxExamples"/> misclassified images.
    /// </summary>
    /// <param name="classifier">A trained classifier whose input size is the data set's image size.</param>
    /// <param name="data">Labelled images, usually the test set.</param>
    /// <param name="maxExamples">How many misclassified images to keep, zero or more.</param>
    /// <returns>The matrix and the examples.</returns>
    /// <exception cref="ArgumentException">The input size is not the image size, or a label is not one of the classifier's classes.</exception>
    /// <exception cref="InvalidOperationException">The classifier predicted a class outside its outputs.</exception>
    public static ClassificationResults Evaluate(IClassifier classifier, ImageDataSet data, int maxExamples = DefaultExampleCount)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(maxExamples);
        int classes = classifier.Spec.OutputSize;
        int size = data.ImageSize;
        if (classifier.Spec.InputSize != size)
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The classifier takes {classifier.Spec.InputSize} inputs but the images have {data.Rows}x{data.Columns} = {size} pixels."),
                nameof(data));
        for (int i = 0; i < data.Count; i++)
        {
            if (data.Labels[i] >= classes)
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Label {data.Labels[i]} of row {i} is not one of the classifier's {classes} classes."),
                    nameof(data));
        }

        var confusion = new ConfusionMatrix(classes);
        var examples = new List<MisclassifiedExample>(Math.Min(maxExamples, 1024));
        var predictions = new int[Math.Min(PredictChunk, Math.Max(data.Count, 1))];
        for (int start = 0; start < data.Count; start += PredictChunk)
        {
            int count = Math.Min(PredictChunk, data.Count - start);
            Span<int> chunk = predictions.AsSpan(0, count);
            classifier.Predict(data.Images.AsSpan(start * size, count * size), chunk, count);
            for (int k = 0; k < count; k++)
            {
                int row = start + k;
                int truth = data.Labels[row];
                int prediction = chunk[k];
                if ((uint)prediction >= (uint)classes)
                    throw new InvalidOperationException(
                        string.Create(CultureInfo.InvariantCulture, $"The classifier predicted class {prediction} for row {row}, but it has {classes} outputs."));
                confusion.Add(truth, prediction);
                if (truth != prediction && examples.Count < maxExamples)
                    examples.Add(new MisclassifiedExample(row, data.Image(row), data.Rows, data.Columns, truth, prediction));
            }
        }

        return new ClassificationResults(confusion, examples);
    }
}
