using System;
using NetGen.Specification;

namespace NetGen.Reference;

/// <summary>The interpreter's Hessian-vector product: Pearlmutter's R-operator, in double precision.</summary>
/// <remarks>
/// <para>
/// <c>R(f) = d/dt f(theta + t v)</c> at <c>t = 0</c>, carried through the same passes as the gradient. Forward, with
/// <c>R(A_0) = R(X) = 0</c> and <c>V_l</c>, <c>vb_l</c> the parts of <c>v</c> in the places of <c>W_l</c>, <c>b_l</c>:
/// <c>R(Z_l) = R(A_{l-1}) W_l + A_{l-1} V_l + vb_l</c>, <c>R(A_l) = sigma'(Z_l) o R(Z_l)</c>. At the loss, per row,
/// <c>R(dL/dA_L) = scale * H_loss R(A_L)</c>. Backward: <c>D_l = dL/dA_l o sigma'(Z_l)</c>,
/// <c>R(D_l) = R(dL/dA_l) o sigma'(Z_l) + dL/dA_l o sigma''(Z_l) o R(Z_l)</c>, and the product's parts
/// <c>R(grad W_l) = R(A_{l-1})^T D_l + A_{l-1}^T R(D_l)</c>, <c>R(grad b_l)</c> = the column sums of <c>R(D_l)</c>,
/// then <c>R(dL/dA_{l-1}) = R(D_l) W_l^T + D_l V_l^T</c>.
/// </para>
/// <para>
/// This is the interpreter's own formulation, with <c>sigma''</c> itself (<see cref="ReferenceCurvature"/>); the
/// generated networks use the ratio <c>sigma''/sigma'</c> on the gradient they keep. The tests hold this method to
/// central differences of <see cref="Gradients"/> along <c>v</c>, and the generated one to this.
/// </para>
/// </remarks>
public sealed partial class ReferenceNetwork
{
    /// <summary>
    /// The product <c>H v</c> of the Hessian of the batch loss (reduced as declared) with respect to the parameters
    /// and a vector <paramref name="v"/> in the layout of <see cref="Parameters"/>, by the R-operator in double
    /// precision. <see cref="Parameters"/> and <see cref="Gradients"/> are not changed.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="v">The direction, of length <see cref="NetworkSpec.ParameterCount"/>.</param>
    /// <param name="result">Receives <c>H v</c>, of length <see cref="NetworkSpec.ParameterCount"/>; may be the same memory as <paramref name="v"/>.</param>
    /// <returns>The loss of the batch, reduced as declared.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range or a label is not a class.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs real-valued targets, not labels.</exception>
    public double HessianVectorProduct(ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int batchSize, ReadOnlySpan<double> v, Span<double> result)
    {
        CheckLabelData(inputs.Length, targets, batchSize, BatchRows);
        CheckDirection(v.Length, result.Length);
        return RunHessianVectorProduct(inputs, targets, default, batchSize, v, result);
    }

    /// <summary>
    /// The product <c>H v</c> of the Hessian of the batch loss (reduced as declared) with respect to the parameters
    /// and a vector <paramref name="v"/> in the layout of <see cref="Parameters"/>, by the R-operator in double
    /// precision. <see cref="Parameters"/> and <see cref="Gradients"/> are not changed.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="v">The direction, of length <see cref="NetworkSpec.ParameterCount"/>.</param>
    /// <param name="result">Receives <c>H v</c>, of length <see cref="NetworkSpec.ParameterCount"/>; may be the same memory as <paramref name="v"/>.</param>
    /// <returns>The loss of the batch, reduced as declared.</returns>
    /// <exception cref="ArgumentException">A length does not match or the batch is out of range.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs class labels, not real targets.</exception>
    public double HessianVectorProduct(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batchSize, ReadOnlySpan<double> v, Span<double> result)
    {
        CheckValueData(inputs.Length, targets.Length, batchSize, BatchRows);
        CheckDirection(v.Length, result.Length);
        return RunHessianVectorProduct(inputs, default, targets, batchSize, v, result);
    }

    /// <inheritdoc cref="HessianVectorProduct(ReadOnlySpan{double}, ReadOnlySpan{int}, int, ReadOnlySpan{double}, Span{double})"/>
    public double HessianVectorProduct(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize, ReadOnlySpan<double> v, Span<double> result) =>
        HessianVectorProduct(Widen(inputs), targets, batchSize, v, result);

    /// <inheritdoc cref="HessianVectorProduct(ReadOnlySpan{double}, ReadOnlySpan{double}, int, ReadOnlySpan{double}, Span{double})"/>
    public double HessianVectorProduct(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, ReadOnlySpan<double> v, Span<double> result) =>
        HessianVectorProduct(Widen(inputs), Widen(targets), batchSize, v, result);

    private void CheckDirection(int vLength, int resultLength)
    {
        NetworkGuard.ParameterVector(vLength, Spec.ParameterCount, "v");
        NetworkGuard.ParameterVector(resultLength, Spec.ParameterCount, "result");
    }

    /// <summary>The R-operator over one checked batch; returns the reduced loss.</summary>
    private double RunHessianVectorProduct(
        ReadOnlySpan<double> inputs,
        ReadOnlySpan<int> labels,
        ReadOnlySpan<double> targets,
        int rows,
        ReadOnlySpan<double> v,
        Span<double> result)
    {
        ReferenceTrace trace = RunForward(inputs, rows);
        int layers = Spec.Layers.Count, outputs = Spec.OutputSize;

        // Forward: R(A_0) = 0; R(Z_l) = R(A_{l-1}) W_l + A_{l-1} V_l + vb_l; R(A_l) = sigma'(Z_l) o R(Z_l).
        var rPre = new double[layers][];
        var rAct = new double[layers + 1][];
        rAct[0] = new double[rows * Spec.InputSize];
        for (int l = 0; l < layers; l++)
        {
            LayerSpec layer = Spec.Layers[l];
            int n = layer.Inputs, k = layer.Units;
            double[] previous = trace.Activations[l], rPrevious = rAct[l], z = trace.PreActivations[l];
            double[] rz = new double[rows * k], ra = new double[rows * k];
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < k; j++)
                {
                    double sum = layer.HasBias ? v[layer.BiasOffset + j] : 0.0;
                    for (int i = 0; i < n; i++)
                    {
                        int w = layer.WeightOffset + i * k + j;
                        sum += rPrevious[r * n + i] * _parameters[w] + previous[r * n + i] * v[w];
                    }

                    rz[r * k + j] = sum;
                    ra[r * k + j] = ReferenceActivation.Derivative(layer.Activation, z[r * k + j], layer.NegativeSlope) * sum;
                }
            }

            rPre[l] = rz;
            rAct[l + 1] = ra;
        }

        // The loss: dL/dA_L and R(dL/dA_L) = scale * H_loss R(A_L), row by row.
        double scale = Spec.Reduction == Reduction.Mean ? 1.0 / rows : 1.0;
        double[] dA = new double[rows * outputs], rdA = new double[rows * outputs];
        double rowLossSum = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> output = trace.Output.AsSpan(r * outputs, outputs);
            rowLossSum += ReferenceLoss.Row(
                Spec.Loss,
                output,
                Spec.IsClassifier ? labels[r] : -1,
                Spec.IsClassifier ? default : targets.Slice(r * outputs, outputs),
                dA.AsSpan(r * outputs, outputs),
                scale);
            ReferenceCurvature.LossHessianProduct(Spec.Loss, output, rAct[layers].AsSpan(r * outputs, outputs), rdA.AsSpan(r * outputs, outputs), scale);
        }

        // Backward, into a fresh buffer so that result may alias v.
        var product = new double[Spec.ParameterCount];
        for (int l = layers - 1; l >= 0; l--)
        {
            LayerSpec layer = Spec.Layers[l];
            int n = layer.Inputs, k = layer.Units;
            double[] z = trace.PreActivations[l], rz = rPre[l];
            double[] previous = trace.Activations[l], rPrevious = rAct[l];

            // D_l = dA o sigma'(Z_l); R(D_l) = R(dA) o sigma'(Z_l) + dA o sigma''(Z_l) o R(Z_l).
            double[] d = new double[rows * k], rd = new double[rows * k];
            for (int e = 0; e < d.Length; e++)
            {
                double first = ReferenceActivation.Derivative(layer.Activation, z[e], layer.NegativeSlope);
                d[e] = dA[e] * first;
                rd[e] = rdA[e] * first + dA[e] * ReferenceCurvature.SecondDerivative(layer.Activation, z[e]) * rz[e];
            }

            // R(grad W_l)[i, j] = sum_r R(A_{l-1})[r, i] D_l[r, j] + A_{l-1}[r, i] R(D_l)[r, j].
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    double sum = 0;
                    for (int r = 0; r < rows; r++)
                        sum += rPrevious[r * n + i] * d[r * k + j] + previous[r * n + i] * rd[r * k + j];
                    product[layer.WeightOffset + i * k + j] = sum;
                }
            }

            // R(grad b_l)[j] = sum_r R(D_l)[r, j].
            if (layer.HasBias)
            {
                for (int j = 0; j < k; j++)
                {
                    double sum = 0;
                    for (int r = 0; r < rows; r++)
                        sum += rd[r * k + j];
                    product[layer.BiasOffset + j] = sum;
                }
            }

            if (l == 0)
                break;

            // dL/dA_{l-1} = D_l W_l^T; R(dL/dA_{l-1}) = R(D_l) W_l^T + D_l V_l^T.
            double[] dPrevious = new double[rows * n], rdPrevious = new double[rows * n];
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    double sum = 0, rSum = 0;
                    for (int j = 0; j < k; j++)
                    {
                        int w = layer.WeightOffset + i * k + j;
                        sum += d[r * k + j] * _parameters[w];
                        rSum += rd[r * k + j] * _parameters[w] + d[r * k + j] * v[w];
                    }

                    dPrevious[r * n + i] = sum;
                    rdPrevious[r * n + i] = rSum;
                }
            }

            dA = dPrevious;
            rdA = rdPrevious;
        }

        product.CopyTo(result);
        return Spec.Reduction == Reduction.Mean ? rowLossSum / rows : rowLossSum;
    }
}
