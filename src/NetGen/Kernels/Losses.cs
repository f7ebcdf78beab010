using System;
using System.ComponentModel;

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
