using System;

namespace NetGen.Reference;

/// <summary>
/// The per-sample losses of <see cref="Loss"/> in double precision, each with its gradient with respect to the
/// network's output row.
/// </summary>
internal static class ReferenceLoss
{
    /// <summary>
    /// The loss of one row and, if <paramref name="outputGradient"/> is not empty, <c>scale * dloss/doutput</c>
    /// written into it.
    /// </summary>
    /// <param name="loss">The loss.</param>
    /// <param name="output">The network's output row <c>A_L</c> (logits for softmax cross-entropy).</param>
    /// <param name="label">The class label (softmax cross-entropy only).</param>
    /// <param name="target">The target row (squared losses only).</param>
    /// <param name="outputGradient">Receives the scaled gradient, or empty for none.</param>
    /// <param name="scale">The batch reduction's factor: <c>1/m</c> for the mean, 1 for the sum.</param>
    public static double Row(Loss loss, ReadOnlySpan<double> output, int label, ReadOnlySpan<double> target, Span<double> outputGradient, double scale)
    {
        switch (loss)
        {
            case Loss.SoftmaxCrossEntropy:
                return SoftmaxCrossEntropy(output, label, outputGradient, scale);
            case Loss.SquaredError:
                return Squared(output, target, 1.0, outputGradient, scale);
            case Loss.HalfSquaredError:
                return Squared(output, target, 0.5, outputGradient, scale);
            default:
                throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss.");
        }
    }

    private static double SoftmaxCrossEntropy(ReadOnlySpan<double> z, int y, Span<double> gradient, double scale)
    {
        // logsumexp(z) = max + log(sum_j exp(z_j - max)): every exponent is <= 0, so nothing overflows, and sum >= 1.
        double max = double.NegativeInfinity;
        foreach (double zj in z)
            max = Math.Max(max, zj);
        double sum = 0;
        foreach (double zj in z)
            sum += Math.Exp(zj - max);

        // dloss/dz_j = softmax(z)_j - 1{j = y}, softmax(z)_j = exp(z_j - max) / sum.
        if (!gradient.IsEmpty)
        {
            for (int j = 0; j < z.Length; j++)
                gradient[j] = scale * (Math.Exp(z[j] - max) / sum - (j == y ? 1.0 : 0.0));
        }

        // loss = logsumexp(z) - z_y = log(sum) + (max - z_y): summed in this order so that log(sum) is not absorbed
        // by a huge max (four logits of 1e300 still cost log 4).
        return Math.Log(sum) + (max - z[y]);
    }

    private static double Squared(ReadOnlySpan<double> yHat, ReadOnlySpan<double> y, double factor, Span<double> gradient, double scale)
    {
        // loss = factor * ||y_hat - y||^2, dloss/dy_hat = 2 factor (y_hat - y).
        double sum = 0;
        for (int j = 0; j < yHat.Length; j++)
        {
            double residual = yHat[j] - y[j];
            sum += residual * residual;
            if (!gradient.IsEmpty)
                gradient[j] = scale * 2 * factor * residual;
        }

        return factor * sum;
    }
}
