using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// The per-row losses of <see cref="Loss"/> and their gradients with respect to the output row, in single precision
/// with double-precision sums, as generated networks call them.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Losses
{
    /// <summary>The softmax cross-entropy <c>log(sum_j exp(z_j)) - z_y</c> of one row, with the row maximum subtracted.</summary>
    /// <param name="logits">The row <c>z</c>.</param>
    /// <param name="label">The class <c>y</c>, an index into <paramref name="logits"/>.</param>
    /// <returns>The loss of the row.</returns>
    public static double SoftmaxCrossEntropy(ReadOnlySpan<float> logits, int label)
    {
        float max = Max(logits);
        double sum = 0;
        for (int j = 0; j < logits.Length; j++)
            sum += MathF.Exp(logits[j] - max);
        return Math.Log(sum) + ((double)max - logits[label]);
    }

    /// <summary>
    /// The softmax cross-entropy of one row (see <see cref="SoftmaxCrossEntropy(ReadOnlySpan{float}, int)"/>), and
    /// its gradient <c>scale * (softmax(z) - e_y)</c> written into <paramref name="gradient"/>.
    /// </summary>
    /// <param name="logits">The row <c>z</c>.</param>
    /// <param name="label">The class <c>y</c>, an index into <paramref name="logits"/>.</param>
    /// <param name="gradient">Receives the scaled gradient; as long as <paramref name="logits"/> (may be the same memory).</param>
    /// <param name="scale">The batch reduction's factor: <c>1/m</c> for the mean, 1 for the sum.</param>
    /// <returns>The loss of the row (unscaled).</returns>
    public static double SoftmaxCrossEntropy(ReadOnlySpan<float> logits, int label, Span<float> gradient, float scale)
    {
        gradient = gradient[..logits.Length];
        float max = Max(logits);
        float zy = logits[label];

        // exp(z_j - max) <= 1 into the gradient row first, summed in double.
        double sum = 0;
        for (int j = 0; j < gradient.Length; j++)
        {
            float e = MathF.Exp(logits[j] - max);
            gradient[j] = e;
            sum += e;
        }

        // softmax_j - 1{j = y}; at the label as (e_y - sum) / sum, which does not cancel when softmax_y is near 1.
        float ey = gradient[label];
        float factor = (float)(scale / sum);
        for (int j = 0; j < gradient.Length; j++)
            gradient[j] *= factor;
        gradient[label] = (float)(scale * ((ey - sum) / sum));
        return Math.Log(sum) + ((double)max - zy);
    }

    /// <summary>
    /// The softmax cross-entropy of rows <c>[first, end)</c> of a row-major <c>[rows x classes]</c> matrix of logits
    /// (see <see cref="SoftmaxCrossEntropy(ReadOnlySpan{float}, int, Span{float}, float)"/>): each row's gradient
    /// <c>scale * (softmax(z) - e_y)</c> into the same rows of <paramref name="gradient"/>, each row's loss into
    /// <paramref name="rowLosses"/>. The exponentials of all the rows are taken together, a vector at a time, when a row
    /// fills a vector; a row's results are the same bits whatever block it is in.
    /// </summary>
    /// <param name="logits">The logits, row-major with <paramref name="classes"/> columns.</param>
    /// <param name="labels">The class of each row, indexed by row (at least <paramref name="end"/> long).</param>
    /// <param name="gradient">Receives the scaled gradients, laid out as <paramref name="logits"/> (only the block's rows are written).</param>
    /// <param name="rowLosses">Receives each row's loss (unscaled), indexed by row.</param>
    /// <param name="classes">The number of classes (columns).</param>
    /// <param name="first">The first row.</param>
    /// <param name="end">The row after the last.</param>
    /// <param name="scale">The batch reduction's factor: <c>1/m</c> for the mean, 1 for the sum.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SoftmaxCrossEntropyRows(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> gradient, Span<double> rowLosses, int classes, int first, int end, float scale)
    {
        if (classes < 1 || first < 0 || end < first || (long)end * classes > logits.Length || (long)end * classes > gradient.Length
            || end > labels.Length || end > rowLosses.Length)
        {
            throw new ArgumentException("The rows do not fit the buffers.");
        }

        if (end == first)
            return;
        ref float z = ref MemoryMarshal.GetReference(logits);
        ref float g = ref MemoryMarshal.GetReference(gradient);

        // z - max(z) into the gradient rows (the max kept in the row's loss slot for later), then exp of the whole block.
        for (int b = first; b < end; b++)
        {
            ref float row = ref Unsafe.Add(ref z, b * classes);
            float max = RowMax(ref row, classes);
            rowLosses[b] = max;
            ref float target = ref Unsafe.Add(ref g, b * classes);
            for (int j = 0; j < classes; j++)
                Unsafe.Add(ref target, j) = Unsafe.Add(ref row, j) - max;
        }

        // Every element goes through the same exp, so a row's result does not depend on where the block starts (a
        // multi-threaded step splits the batch into blocks; the rows past it may be another thread's): the elementwise
        // vector exp when a row fills a vector, else MathF.Exp. The last vector is taken first, from the values before any
        // is replaced: it overlaps the ones before it when the block is not a multiple of the width, and an element
        // computed twice comes out the same.
        int start = first * classes, stop = end * classes;
        if (classes >= Vector<float>.Count)
        {
            int last = stop - Vector<float>.Count;
            Vector<float> tail = Vector.Exp(Vector.LoadUnsafe(ref g, (nuint)last));
            for (int k = start; k < last; k += Vector<float>.Count)
                Vector.StoreUnsafe(Vector.Exp(Vector.LoadUnsafe(ref g, (nuint)k)), ref g, (nuint)k);
            Vector.StoreUnsafe(tail, ref g, (nuint)last);
        }
        else
        {
            for (int k = start; k < stop; k++)
                Unsafe.Add(ref g, k) = MathF.Exp(Unsafe.Add(ref g, k));
        }

        // softmax_j - 1{j = y}, scaled; at the label as (e_y - sum) / sum, which does not cancel when softmax_y is near 1.
        for (int b = first; b < end; b++)
        {
            ref float row = ref Unsafe.Add(ref g, b * classes);
            double sum = 0;
            for (int j = 0; j < classes; j++)
                sum += Unsafe.Add(ref row, j);
            int label = labels[b];
            float ey = Unsafe.Add(ref row, label);
            double inverse = 1 / sum;
            float factor = (float)(scale * inverse);
            for (int j = 0; j < classes; j++)
                Unsafe.Add(ref row, j) *= factor;
            Unsafe.Add(ref row, label) = (float)(scale * ((ey - sum) * inverse));

            // log(sum) + max - z_y, where z_y - max is the log of e_y's argument: -log(e_y) would lose it to rounding.
            rowLosses[b] = Math.Log(sum) + (rowLosses[b] - Unsafe.Add(ref z, b * classes + label));
        }
    }

    /// <summary>The largest of <paramref name="count"/> floats (NaN if one is NaN, as <see cref="MathF.Max(float, float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float RowMax(ref float row, int count)
    {
        float max = row;
        for (int j = 1; j < count; j++)
            max = MathF.Max(max, Unsafe.Add(ref row, j));
        return max;
    }

    /// <summary>The squared error <c>||y_hat - y||^2</c> of one row.</summary>
    /// <param name="outputs">The row <c>y_hat</c>.</param>
    /// <param name="targets">The row <c>y</c>, as long as <paramref name="outputs"/>.</param>
    /// <returns>The sum of the squared residuals.</returns>
    public static double SquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        targets = targets[..outputs.Length];
        double sum = 0;
        for (int j = 0; j < outputs.Length; j++)
        {
            double residual = (double)outputs[j] - targets[j];
            sum += residual * residual;
        }

        return sum;
    }

    /// <summary>
    /// The squared error <c>||y_hat - y||^2</c> of one row, and <c>gradientScale * (y_hat - y)</c> written into
    /// <paramref name="gradient"/> (2/m for the mean squared error, 1/m for half of it, ...).
    /// </summary>
    /// <param name="outputs">The row <c>y_hat</c>.</param>
    /// <param name="targets">The row <c>y</c>, as long as <paramref name="outputs"/>.</param>
    /// <param name="gradient">Receives the scaled residuals; as long as <paramref name="outputs"/> (may be the same memory).</param>
    /// <param name="gradientScale">The factor of the residual in the gradient.</param>
    /// <returns>The sum of the squared residuals.</returns>
    public static double SquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, float gradientScale)
    {
        targets = targets[..outputs.Length];
        gradient = gradient[..outputs.Length];
        double sum = 0;
        for (int j = 0; j < outputs.Length; j++)
        {
            float residual = outputs[j] - targets[j];
            double exact = (double)outputs[j] - targets[j];
            sum += exact * exact;
            gradient[j] = gradientScale * residual;
        }

        return sum;
    }

    /// <summary>The index of the largest value, the lowest index on ties (as the interpreter: only a strictly greater value takes over).</summary>
    /// <param name="values">A non-empty row.</param>
    /// <returns>The argmax.</returns>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int j = 1; j < values.Length; j++)
        {
            if (values[j] > values[best])
                best = j;
        }

        return best;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float value in values)
            max = MathF.Max(max, value);
        return max;
    }
}
