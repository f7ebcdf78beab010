using System;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// Whether a batch is a fair place to compare float with double at the interpreter's current parameters: away from
/// the ReLU kink, and not dominated by cancellation. Where a computed quantity is a near-total cancellation, float's
/// rounding is large relative to the result whatever the code does; a comparison there measures the data, not the
/// kernels. The checks redraw such batches, as the reference's own gradient checks do for the kink.
/// </summary>
/// <remarks>
/// The scale of a pre-activation <c>z = b + sum_i a_i w_i</c> is the root-sum-square of its terms,
/// <c>r = sqrt(b^2 + sum_i (a_i w_i)^2)</c>: the size a sum of terms of random signs typically has, and the size
/// float's rounding error in <c>z</c> is proportional to (about machine precision times <c>r</c> times a small factor).
/// <list type="bullet">
/// <item>Every ReLU pre-activation is at least <see cref="Tolerances.KinkMargin"/> times <c>r</c> from 0, or exactly 0
/// (zero weights, a zero row without bias: exactly 0 in float too), so float and double take the same side.</item>
/// <item>The output layer's pre-activations, over the batch, have at least <see cref="MinRatio"/> of the norm of their
/// scales: not a near-cancellation (one output of one row near 0 would otherwise carry a large relative error).</item>
/// <item>For a regressor, the residual <c>Y - T</c> is at least <see cref="MinRatio"/> of <c>Y</c>: the loss and its
/// gradient start from it.</item>
/// </list>
/// Norms are over the whole batch, so only small batches with few outputs are ever redrawn for cancellation.
/// </remarks>
internal static class Conditioning
{
    public const double MinRatio = 0.1;

    /// <summary>A relative perturbation the size of float rounding, 2^-24.</summary>
    public const double Rounding = 1.0 / (1 << 24);

    /// <summary>
    /// How much a gradient may move, relatively, when every parameter moves by <see cref="Rounding"/>: 100 times that
    /// (a condition number of 100), so that float's own rounding leaves the gradients well inside their tolerance.
    /// </summary>
    public const double MaxGradientSensitivity = 100 * Rounding;

    /// <summary>
    /// Whether every gradient (each weight matrix, each bias, the input gradient) is well conditioned at the
    /// interpreter's parameters on this batch: the interpreter computes them again at parameters moved by float
    /// rounding (a relative 2^-24, alternating in sign), and none may move by more than
    /// <see cref="MaxGradientSensitivity"/>. Cancellation in the backward pass (a bottleneck unit whose gradient is a
    /// nearly cancelling sum) shows here as it does in float's own rounding. Nor may any gradient cancel across the
    /// batch's rows (<see cref="CancelsAcrossRows"/>).
    /// </summary>
    public static bool GradientsAreStable(ReferenceNetwork reference, Batch batch)
    {
        NetworkSpec spec = reference.Spec;
        var shadow = new ReferenceNetwork(spec);
        ReadOnlySpan<double> parameters = reference.Parameters;
        for (int i = 0; i < parameters.Length; i++)
            shadow.Parameters[i] = parameters[i] * (1 + (i % 2 == 0 ? Rounding : -Rounding));

        double[] inputs = new double[batch.Inputs.Length], shadowInputs = new double[inputs.Length];
        Calls.InputGradient(reference, batch, inputs);
        Calls.InputGradient(shadow, batch, shadowInputs);
        if (Sensitivity(inputs, shadowInputs) > MaxGradientSensitivity)
            return false;
        foreach (LayerSpec layer in spec.Layers)
        {
            if (Sensitivity(reference.Gradients.Slice(layer.WeightOffset, layer.WeightCount), shadow.Gradients.Slice(layer.WeightOffset, layer.WeightCount)) > MaxGradientSensitivity)
                return false;
            if (layer.HasBias && Sensitivity(reference.Gradients.Slice(layer.BiasOffset, layer.Units), shadow.Gradients.Slice(layer.BiasOffset, layer.Units)) > MaxGradientSensitivity)
                return false;
        }

        return !CancelsAcrossRows(reference, batch);
    }

    /// <summary>
    /// Whether some tensor's batch gradient is a near-total cancellation of its rows' contributions: its norm below
    /// <see cref="MinRatio"/> of their root-sum-square. Float rounds each contribution, so the error of the sum is
    /// proportional to that root-sum-square, not to the sum. Moving the parameters (as
    /// <see cref="GradientsAreStable"/> does) cannot show this where they are exactly zero: a zero-initialized
    /// softmax layer gives every row the probabilities 1/K, and a batch holding each class once has a bias
    /// gradient of exactly 0 in double and of float's rounding in float.
    /// </summary>
    private static bool CancelsAcrossRows(ReferenceNetwork reference, Batch batch)
    {
        NetworkSpec spec = reference.Spec;
        var single = new ReferenceNetwork(spec);
        reference.Parameters.CopyTo(single.Parameters);
        double[] squares = new double[spec.ParameterCount];
        for (int row = 0; row < batch.Rows; row++)
        {
            Calls.Backward(single, batch.Slice(spec, row, 1));
            ReadOnlySpan<double> contribution = single.Gradients;
            for (int i = 0; i < squares.Length; i++)
                squares[i] += contribution[i] * contribution[i];
        }

        // A row's contribution to a mean over the batch is its own gradient divided by the rows.
        double weight = spec.Reduction == Reduction.Mean ? 1.0 / batch.Rows : 1.0;
        foreach (LayerSpec layer in spec.Layers)
        {
            if (Cancels(reference.Gradients.Slice(layer.WeightOffset, layer.WeightCount), squares.AsSpan(layer.WeightOffset, layer.WeightCount), weight))
                return true;
            if (layer.HasBias && Cancels(reference.Gradients.Slice(layer.BiasOffset, layer.Units), squares.AsSpan(layer.BiasOffset, layer.Units), weight))
                return true;
        }

        return false;
    }

    private static bool Cancels(ReadOnlySpan<double> gradient, ReadOnlySpan<double> rowSquares, double weight)
    {
        double norm = 0, terms = 0;
        for (int i = 0; i < gradient.Length; i++)
        {
            norm += gradient[i] * gradient[i];
            terms += rowSquares[i];
        }

        return Math.Sqrt(norm) < MinRatio * weight * Math.Sqrt(terms);
    }

    private static double Sensitivity(ReadOnlySpan<double> gradient, ReadOnlySpan<double> moved)
    {
        double difference = 0, norm = 0;
        for (int i = 0; i < gradient.Length; i++)
        {
            difference += (moved[i] - gradient[i]) * (moved[i] - gradient[i]);
            norm += gradient[i] * gradient[i];
        }

        return norm == 0 ? (difference == 0 ? 0 : double.PositiveInfinity) : Math.Sqrt(difference / norm);
    }

    public static bool IsFair(ReferenceNetwork reference, Batch batch)
    {
        NetworkSpec spec = reference.Spec;
        ReadOnlySpan<double> parameters = reference.Parameters;
        double[] values = batch.WideInputs;
        double outputNorm = 0, outputScale = 0;
        foreach (LayerSpec layer in spec.Layers)
        {
            bool last = layer.Index == spec.Layers.Count - 1;
            double[] next = new double[batch.Rows * layer.Units];
            for (int b = 0; b < batch.Rows; b++)
            {
                for (int j = 0; j < layer.Units; j++)
                {
                    double bias = layer.HasBias ? parameters[layer.BiasOffset + j] : 0;
                    double z = bias, squares = bias * bias;
                    for (int i = 0; i < layer.Inputs; i++)
                    {
                        double term = values[b * layer.Inputs + i] * parameters[layer.WeightOffset + i * layer.Units + j];
                        z += term;
                        squares += term * term;
                    }

                    double scale = Math.Sqrt(squares);
                    if (layer.Activation is Activation.ReLU or Activation.LeakyReLU && z != 0 && Math.Abs(z) < Tolerances.KinkMargin * scale)
                        return false;
                    if (last)
                    {
                        outputNorm += z * z;
                        outputScale += squares;
                    }

                    next[b * layer.Units + j] = Apply(layer.Activation, z, layer.NegativeSlope);
                }
            }

            values = next;
        }

        if (Math.Sqrt(outputNorm) < MinRatio * Math.Sqrt(outputScale))
            return false;
        if (spec.IsClassifier)
            return true;
        double residuals = 0, outputs = 0;
        for (int k = 0; k < values.Length; k++)
        {
            double residual = values[k] - batch.Targets[k];
            residuals += residual * residual;
            outputs += values[k] * values[k];
        }

        return residuals >= MinRatio * MinRatio * outputs;
    }

    private static double Apply(Activation activation, double z, double slope) => activation switch
    {
        Activation.Identity => z,
        Activation.ReLU => Math.Max(z, 0),
        Activation.Sigmoid => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.LeakyReLU => z > 0 ? z : slope * z,
        Activation.SiLU => z / (1 + Math.Exp(-z)),
        Activation.GELU => 0.5 * z * (1 + Math.Tanh(0.7978845608028654 * (z + 0.044715 * z * z * z))),
        _ => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))),
    };
}
