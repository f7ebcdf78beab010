using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace NetGen;

/// <summary>
/// The argument checks shared by generated networks and the reference interpreter, so that both reject bad input
/// with the same exception and message, before anything is written.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NetworkGuard
{
    /// <summary>Throws unless <c>1 &lt;= batchSize &lt;= maxBatch</c>.</summary>
    /// <param name="batchSize">The number of rows asked for.</param>
    /// <param name="maxBatch">The network's <c>MaxBatch</c>.</param>
    /// <param name="paramName">The argument's name.</param>
    public static void BatchSize(int batchSize, int maxBatch, string paramName = "batchSize")
    {
        if (batchSize < 1 || batchSize > maxBatch)
            ThrowBatchSize(batchSize, maxBatch, paramName);
    }

    /// <summary>Throws unless <c>count &gt;= 0</c> (a count of rows for an epoch, an evaluation or a prediction).</summary>
    /// <param name="count">The number of rows.</param>
    /// <param name="paramName">The argument's name.</param>
    public static void Count(int count, string paramName = "count")
    {
        if (count < 0)
            throw new ArgumentOutOfRangeException(paramName, count, "The number of rows cannot be negative.");
    }

    /// <summary>Throws unless a span holds exactly <c>rows x width</c> elements.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="rows">The number of rows (a batch size or count).</param>
    /// <param name="width">The elements per row (InputSize, OutputSize, or 1 for labels).</param>
    /// <param name="paramName">The span argument's name.</param>
    /// <param name="rowsName">What the rows are called in the call (<c>batchSize</c> or <c>count</c>).</param>
    /// <param name="widthName">What the width is called (<c>InputSize</c>, <c>OutputSize</c>, or <c>1 label</c>).</param>
    public static void Length(int actual, int rows, int width, string paramName, string rowsName, string widthName)
    {
        if ((long)rows * width != actual)
            ThrowLength(actual, rows, width, paramName, rowsName, widthName);
    }

    /// <summary>Throws unless every label is a class index in <c>0..classes-1</c>.</summary>
    /// <param name="labels">The labels to check.</param>
    /// <param name="classes">The number of classes (the network's OutputSize).</param>
    /// <param name="paramName">The argument's name.</param>
    public static void Labels(ReadOnlySpan<byte> labels, int classes, string paramName = "targets")
    {
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] >= classes)
                ThrowLabel(labels[i], i, classes, paramName);
    }

    /// <summary>Throws unless every label is a class index in <c>0..classes-1</c>.</summary>
    /// <param name="labels">The labels to check.</param>
    /// <param name="classes">The number of classes (the network's OutputSize).</param>
    /// <param name="paramName">The argument's name.</param>
    public static void Labels(ReadOnlySpan<int> labels, int classes, string paramName = "targets")
    {
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classes)
                ThrowLabel(labels[i], i, classes, paramName);
    }

    /// <summary>Throws unless the learning rate is finite (neither NaN nor infinite).</summary>
    /// <param name="learningRate">The step size.</param>
    /// <param name="paramName">The argument's name.</param>
    public static void LearningRate(double learningRate, string paramName = "learningRate")
    {
        if (!double.IsFinite(learningRate))
            throw new ArgumentOutOfRangeException(paramName, learningRate, "The learning rate must be a finite number.");
    }

    /// <summary>
    /// Throws unless every input is finite: <c>Evaluate</c> and <c>Predict</c> refuse NaN and infinite inputs, whose
    /// outputs would be NaN (a NaN loss) or, through ReLU's max, silently finite (a class that means nothing).
    /// </summary>
    /// <param name="inputs">The inputs, row-major.</param>
    /// <param name="width">The elements per row (InputSize), to name the row and column of the first bad value.</param>
    /// <param name="paramName">The argument's name.</param>
    public static void FiniteInputs(ReadOnlySpan<float> inputs, int width, string paramName = "inputs")
    {
        // x - x is 0 for every finite x and NaN for NaN and the infinities: one subtraction and compare per lane.
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            Vector<float> all = Vector<float>.Zero;
            for (; i <= inputs.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(inputs[i..]);
                all += v - v;
            }

            if (!Vector.EqualsAll(all, Vector<float>.Zero))
                i = 0; // found one: look for the first below
        }

        for (; i < inputs.Length; i++)
        {
            if (!float.IsFinite(inputs[i]))
                ThrowNonFiniteInput(inputs[i], i, width, paramName);
        }
    }

    /// <summary>Throws unless a span in the layout of the parameters holds exactly <paramref name="parameterCount"/> elements.</summary>
    /// <param name="actual">The span's length.</param>
    /// <param name="parameterCount">The network's <c>ParameterCount</c>.</param>
    /// <param name="paramName">The span argument's name.</param>
    public static void ParameterVector(int actual, int parameterCount, string paramName)
    {
        if (actual != parameterCount)
            ThrowParameterVector(actual, parameterCount, paramName);
    }

    [DoesNotReturn]
    private static void ThrowBatchSize(int batchSize, int maxBatch, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName,
            batchSize,
            string.Create(CultureInfo.InvariantCulture, $"The batch size must be from 1 to MaxBatch ({maxBatch}); got {batchSize}. Raise MaxBatch in [Network] for larger batches."));

    [DoesNotReturn]
    private static void ThrowNonFiniteInput(float value, int index, int width, string paramName) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"'{paramName}' holds {value} at row {index / width}, column {index % width} (element {index}): the inputs must be finite numbers. Replace missing values (for instance by the feature's mean) before calling."),
            paramName);

    [DoesNotReturn]
    private static void ThrowLength(int actual, int rows, int width, string paramName, string rowsName, string widthName) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"'{paramName}' has {actual} elements; expected {rowsName} ({rows}) x {widthName} ({width}) = {(long)rows * width}."),
            paramName);

    [DoesNotReturn]
    private static void ThrowParameterVector(int actual, int parameterCount, string paramName) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"'{paramName}' has {actual} elements; expected ParameterCount ({parameterCount}), one per parameter in the layout of Parameters."),
            paramName);

    [DoesNotReturn]
    private static void ThrowLabel(long label, int index, int classes, string paramName) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"'{paramName}'[{index}] is {label}, not a class: labels must be from 0 to {classes - 1} (OutputSize {classes})."),
            paramName);
}
