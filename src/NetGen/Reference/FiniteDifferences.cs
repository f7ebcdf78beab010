using System;

namespace NetGen.Reference;

/// <summary>
/// Central finite differences in double precision: the independent check of a backward pass.
/// </summary>
/// <remarks>
/// <para>
/// For a coordinate with value <c>p</c>, the derivative is estimated as
/// <c>(f(p + h) - f(p - h)) / ((p + h) - (p - h))</c> with the step <c>h = cbrt(eps) * max(1, |p|)</c>
/// (<c>eps = 2^-52</c>, so <c>h</c> is about <c>6.06e-6 max(1, |p|)</c>). The step balances the truncation error,
/// about <c>h^2 |f'''| / 6</c>, against the rounding error, about <c>eps |f| / h</c>: both come to roughly
/// <c>1e-11</c> times the scale of <c>f</c> and its derivatives. The denominator is the difference of the two
/// points actually evaluated, not <c>2h</c>, which cancels the error of representing <c>p +- h</c> in binary.
/// </para>
/// <para>
/// Every coordinate is restored to its exact original value afterwards, also when the function throws.
/// </para>
/// <para>
/// Finite differences are meaningless across a kink: for a network with ReLU layers, check first that no step can
/// move a pre-activation across 0 (<see cref="ReferenceNetwork.KinkMargin"/> well above the change of a step).
/// </para>
/// </remarks>
public static class FiniteDifferences
{
    /// <summary>The relative step, <c>cbrt(2^-52)</c>, about <c>6.06e-6</c>.</summary>
    public static readonly double RelativeStep = Math.Cbrt(double.BitIncrement(1.0) - 1.0);

    /// <summary>The step used for a coordinate of value <paramref name="value"/>: <c>RelativeStep * max(1, |value|)</c>.</summary>
    /// <param name="value">The coordinate's current value.</param>
    /// <returns>The step <c>h</c>.</returns>
    public static double Step(double value) => RelativeStep * Math.Max(1.0, Math.Abs(value));

    /// <summary>
    /// The central difference of <paramref name="function"/> with respect to <c>point[index]</c>. The function reads
    /// the point itself (for example a network's <see cref="ReferenceNetwork.Parameters"/>), which this method
    /// perturbs in place and restores.
    /// </summary>
    /// <param name="point">The values the function depends on.</param>
    /// <param name="index">The coordinate to differentiate with respect to.</param>
    /// <param name="function">The scalar function, evaluated twice.</param>
    /// <returns>The estimate of <c>df / dpoint[index]</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside <paramref name="point"/>.</exception>
    public static double Derivative(Span<double> point, int index, Func<double> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if ((uint)index >= (uint)point.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The index must be from 0 to {point.Length - 1}.");

        double original = point[index];
        double h = Step(original);
        double plus = original + h, minus = original - h;
        try
        {
            point[index] = plus;
            double fPlus = function();
            point[index] = minus;
            double fMinus = function();
            return (fPlus - fMinus) / (plus - minus);
        }
        finally
        {
            point[index] = original;
        }
    }

    /// <summary>
    /// The central differences of <paramref name="function"/> with respect to each <c>point[indices[k]]</c>, written
    /// to <c>gradient[k]</c>. See <see cref="Derivative"/>.
    /// </summary>
    /// <param name="point">The values the function depends on; perturbed in place and restored.</param>
    /// <param name="indices">The coordinates to differentiate with respect to.</param>
    /// <param name="function">The scalar function, evaluated twice per index.</param>
    /// <param name="gradient">Receives one estimate per index.</param>
    /// <exception cref="ArgumentException"><paramref name="gradient"/> is not as long as <paramref name="indices"/>, or an index is outside <paramref name="point"/>.</exception>
    public static void Gradient(Span<double> point, ReadOnlySpan<int> indices, Func<double> function, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (gradient.Length != indices.Length)
            throw new ArgumentException($"'{nameof(gradient)}' has {gradient.Length} elements; expected one per index ({indices.Length}).", nameof(gradient));
        foreach (int index in indices)
        {
            if ((uint)index >= (uint)point.Length)
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Every index must be from 0 to {point.Length - 1}.");
        }

        for (int k = 0; k < indices.Length; k++)
            gradient[k] = Derivative(point, indices[k], function);
    }

    /// <summary>
    /// The central differences of a network's batch loss (<see cref="ReferenceNetwork.Loss(ReadOnlySpan{double}, ReadOnlySpan{int}, int)"/>)
    /// with respect to the parameters at <paramref name="parameterIndices"/>.
    /// </summary>
    /// <param name="network">The network; its parameters are perturbed and restored.</param>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="batchSize">The number of rows.</param>
    /// <param name="parameterIndices">Indices into <see cref="ReferenceNetwork.Parameters"/>.</param>
    /// <returns>One estimate per index.</returns>
    public static double[] ParameterGradient(ReferenceNetwork network, ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int batchSize, ReadOnlySpan<int> parameterIndices)
    {
        ArgumentNullException.ThrowIfNull(network);
        double[] x = inputs.ToArray();
        int[] y = targets.ToArray();
        network.Loss(x, y, batchSize); // checks the arguments once, before anything is perturbed
        var gradient = new double[parameterIndices.Length];
        Gradient(network.Parameters, parameterIndices, () => network.Loss(x, y, batchSize), gradient);
        return gradient;
    }

    /// <summary>
    /// The central differences of a network's batch loss (<see cref="ReferenceNetwork.Loss(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>)
    /// with respect to the parameters at <paramref name="parameterIndices"/>.
    /// </summary>
    /// <param name="network">The network; its parameters are perturbed and restored.</param>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows.</param>
    /// <param name="parameterIndices">Indices into <see cref="ReferenceNetwork.Parameters"/>.</param>
    /// <returns>One estimate per index.</returns>
    public static double[] ParameterGradient(ReferenceNetwork network, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batchSize, ReadOnlySpan<int> parameterIndices)
    {
        ArgumentNullException.ThrowIfNull(network);
        double[] x = inputs.ToArray();
        double[] t = targets.ToArray();
        network.Loss(x, t, batchSize);
        var gradient = new double[parameterIndices.Length];
        Gradient(network.Parameters, parameterIndices, () => network.Loss(x, t, batchSize), gradient);
        return gradient;
    }

    /// <summary>
    /// The central differences of a network's batch loss with respect to the inputs at <paramref name="inputIndices"/>
    /// (indices into the row-major <c>[batchSize x InputSize]</c> inputs).
    /// </summary>
    /// <param name="network">The network; it is not modified.</param>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>; copied, never modified.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="batchSize">The number of rows.</param>
    /// <param name="inputIndices">Indices into <paramref name="inputs"/>.</param>
    /// <returns>One estimate per index.</returns>
    public static double[] InputGradient(ReferenceNetwork network, ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int batchSize, ReadOnlySpan<int> inputIndices)
    {
        ArgumentNullException.ThrowIfNull(network);
        double[] x = inputs.ToArray();
        int[] y = targets.ToArray();
        network.Loss(x, y, batchSize);
        var gradient = new double[inputIndices.Length];
        Gradient(x, inputIndices, () => network.Loss(x, y, batchSize), gradient);
        return gradient;
    }

    /// <summary>
    /// The central differences of a network's batch loss with respect to the inputs at <paramref name="inputIndices"/>
    /// (indices into the row-major <c>[batchSize x InputSize]</c> inputs).
    /// </summary>
    /// <param name="network">The network; it is not modified.</param>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>; copied, never modified.</param>
    /// <param name="targets">Row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows.</param>
    /// <param name="inputIndices">Indices into <paramref name="inputs"/>.</param>
    /// <returns>One estimate per index.</returns>
    public static double[] InputGradient(ReferenceNetwork network, ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batchSize, ReadOnlySpan<int> inputIndices)
    {
        ArgumentNullException.ThrowIfNull(network);
        double[] x = inputs.ToArray();
        double[] t = targets.ToArray();
        network.Loss(x, t, batchSize);
        var gradient = new double[inputIndices.Length];
        Gradient(x, inputIndices, () => network.Loss(x, t, batchSize), gradient);
        return gradient;
    }

    /// <summary>
    /// The relative error <c>||actual - expected|| / max(||expected||, floor)</c> (Euclidean norms): how a gradient is
    /// compared with its finite-difference estimate.
    /// </summary>
    /// <param name="actual">The gradient under test.</param>
    /// <param name="expected">The estimate.</param>
    /// <param name="floor">The smallest denominator, so that a zero gradient is compared absolutely. Default 1e-8.</param>
    /// <returns>The relative error.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static double RelativeError(ReadOnlySpan<double> actual, ReadOnlySpan<double> expected, double floor = 1e-8)
    {
        if (actual.Length != expected.Length)
            throw new ArgumentException($"'{nameof(actual)}' has {actual.Length} elements and '{nameof(expected)}' {expected.Length}.", nameof(actual));
        double difference = 0, norm = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double e = actual[i] - expected[i];
            difference += e * e;
            norm += expected[i] * expected[i];
        }

        return Math.Sqrt(difference) / Math.Max(Math.Sqrt(norm), floor);
    }
}
