using System;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// The denominator of a batch loss's relative error: <c>max(|L|, ||dL/dy_hat|| ||y_hat||)</c>, at the interpreter's
/// outputs <c>y_hat</c>.
/// </summary>
/// <remarks>
/// A loss inherits the rounding of the outputs it is computed from: to first order
/// <c>|dL| &lt;= ||dL/dy_hat|| ||d y_hat|| &lt;= ||dL/dy_hat|| ||y_hat|| e</c> for outputs within relative error
/// <c>e</c>. Relative to <c>|L|</c> alone, that is unbounded where the loss nearly cancels (a squared error whose
/// residual is tiny, a cross-entropy near 0), which is a property of the loss, not of the code computing it. Dividing
/// by this scale keeps the measure relative, and exactly <c>|dL| / |L|</c> whenever the loss is well conditioned.
/// </remarks>
internal static class LossScale
{
    public static double Of(ReferenceNetwork reference, Batch batch)
    {
        NetworkSpec spec = reference.Spec;
        int m = batch.Rows, k = spec.OutputSize;
        double[] outputs = new double[m * k];
        reference.Forward(batch.Inputs, outputs, m);
        double reduction = spec.Reduction == Reduction.Mean ? 1.0 / m : 1.0;

        double loss = 0, gradientNorm = 0, outputNorm = 0;
        for (int b = 0; b < m; b++)
        {
            ReadOnlySpan<double> row = outputs.AsSpan(b * k, k);
            if (spec.IsClassifier)
            {
                double max = double.NegativeInfinity;
                foreach (double z in row)
                    max = Math.Max(max, z);
                double sum = 0;
                foreach (double z in row)
                    sum += Math.Exp(z - max);
                int y = batch.Labels[b];
                loss += Math.Log(sum) + max - row[y];
                for (int j = 0; j < k; j++)
                {
                    double g = Math.Exp(row[j] - max) / sum - (j == y ? 1 : 0);
                    gradientNorm += g * g;
                }
            }
            else
            {
                double factor = spec.Loss == Loss.HalfSquaredError ? 0.5 : 1.0;
                for (int j = 0; j < k; j++)
                {
                    double residual = row[j] - batch.Targets[b * k + j];
                    loss += factor * residual * residual;
                    gradientNorm += 4 * factor * factor * residual * residual;
                }
            }

            foreach (double z in row)
                outputNorm += z * z;
        }

        return Math.Max(Math.Abs(loss * reduction), Math.Sqrt(gradientNorm) * reduction * Math.Sqrt(outputNorm));
    }
}
