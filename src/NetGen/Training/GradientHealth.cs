using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using NetGen.Specification;

namespace NetGen.Training;

/// <summary>
/// Gradient health over the batches of an epoch: per layer, the norm of the weight gradient averaged over the batches
/// and, for ReLU layers, the units that never activated ("dead"), with a warning where a layer's norm is orders of
/// magnitude out of line. Pass one to <c>TrainEpoch(..., health)</c>, which then trains with the unfused steps
/// (<c>Backward</c>, the norms, <c>ApplySgd</c>) and records every batch here.
/// </summary>
/// <remarks>
/// <para>
/// Allocate one per network and reuse it: <see cref="Reset"/> starts a new epoch (a new object starts empty), and
/// recording and reading allocate nothing. Successive <c>TrainEpoch</c> calls add up until <see cref="Reset"/>, so an
/// epoch may be trained in chunks.
/// </para>
/// <para>
/// The rule for warnings, with <c>n_l</c> the mean weight-gradient norm of layer <c>l</c> and <c>L</c> the output layer
/// (where the backward pass starts) and <c>r</c> = <see cref="WarningRatio"/> = 1000:
/// a layer is <see cref="GradientWarning.Vanishing"/> when <c>n_l &lt; n_L / r</c>, or, for a layer with a layer on
/// each side, when <c>n_l &lt; sqrt(n_{l-1} n_{l+1}) / r</c>; it is <see cref="GradientWarning.Exploding"/> when
/// <c>n_l &gt; r n_L</c>, or <c>n_l &gt; r sqrt(n_{l-1} n_{l+1})</c>. The first comparison catches the gradual decay
/// (or growth) through many layers that the course warns about, which a comparison with the neighbors alone misses:
/// each layer is then only a few times smaller than the next. The second catches a single layer out of line with both
/// neighbors. Three orders of magnitude leave room for the ordinary spread between layers (inputs of different scale,
/// wider and narrower layers).
/// </para>
/// </remarks>
public sealed class GradientHealth
{
    /// <summary>How many times below or above its references a layer's norm may be before it is flagged: 1000.</summary>
    public const double WarningRatio = 1000;

    private readonly double[] _normSums;
    private readonly float[][] _peaks;
    private readonly LayerGradientHealth[] _layers;

    /// <summary>Creates an empty record for a network of this declaration.</summary>
    /// <param name="spec">The network's declaration (its <c>Spec</c>).</param>
    public GradientHealth(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        int count = spec.Layers.Count;
        _normSums = new double[count];
        _peaks = new float[count][];
        _layers = new LayerGradientHealth[count];
        for (int l = 0; l < count; l++)
        {
            LayerSpec layer = spec.Layers[l];
            _peaks[l] = layer.Activation == Activation.ReLU ? new float[layer.Units] : [];
            _layers[l] = new LayerGradientHealth(this, layer);
        }

        Reset();
    }

    /// <summary>The declaration of the network this record is for.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>The batches recorded since the last <see cref="Reset"/>.</summary>
    public int Batches { get; private set; }

    /// <summary>The rows recorded since the last <see cref="Reset"/>.</summary>
    public long Rows { get; private set; }

    /// <summary>One entry per layer, input to output.</summary>
    public IReadOnlyList<LayerGradientHealth> Layers => _layers;

    /// <summary>Whether any layer has a warning.</summary>
    public bool HasWarnings
    {
        get
        {
            for (int l = 0; l < _layers.Length; l++)
            {
                if (WarningOf(l) != GradientWarning.None)
                    return true;
            }

            return false;
        }
    }

    /// <summary>Forgets every batch: the start of a new epoch.</summary>
    public void Reset()
    {
        Array.Clear(_normSums);
        foreach (float[] peak in _peaks)
            peak.AsSpan().Fill(float.NegativeInfinity);
        Batches = 0;
        Rows = 0;
    }

    /// <summary>The mean weight-gradient norm of every layer, input to output (e.g. for a report's <c>GradientNorms</c>).</summary>
    /// <returns>A new array, one norm per layer.</returns>
    public double[] GetMeanWeightGradientNorms()
    {
        var norms = new double[_layers.Length];
        for (int l = 0; l < norms.Length; l++)
            norms[l] = MeanNorm(l);
        return norms;
    }

    /// <summary>
    /// Checks that this record is for a network of <paramref name="spec"/>; called by a generated <c>TrainEpoch</c>
    /// before it trains.
    /// </summary>
    /// <param name="spec">The training network's declaration.</param>
    /// <param name="paramName">The argument's name.</param>
    /// <exception cref="ArgumentException">The record was made for another declaration.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void RequireSpec(NetworkSpec spec, string paramName = "health")
    {
        if (!ReferenceEquals(spec, Spec) && !Spec.Equals(spec))
            throw new ArgumentException($"This GradientHealth was made for the network {Spec}, not {spec}; create one with the training network's Spec.", paramName);
    }

    /// <summary>
    /// Records one layer's activations for the dead-unit count: the largest value each unit reached. Called by a
    /// generated <c>TrainEpoch</c> for every ReLU layer; a no-op for other layers.
    /// </summary>
    /// <param name="layerIndex">The zero-based layer index.</param>
    /// <param name="activations">Row-major <c>[rows x units]</c> outputs of the layer.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ObserveActivations(int layerIndex, ReadOnlySpan<float> activations)
    {
        float[] peak = _peaks[layerIndex];
        int units = peak.Length;
        if (units == 0)
            return;
        int lanes = Vector<float>.Count;
        ref float p = ref MemoryMarshal.GetArrayDataReference(peak);
        for (int start = 0; start + units <= activations.Length; start += units)
        {
            ReadOnlySpan<float> row = activations.Slice(start, units);
            ref float a = ref MemoryMarshal.GetReference(row);
            int j = 0;
            for (; j <= units - lanes; j += lanes)
                Vector.StoreUnsafe(Vector.Max(Vector.LoadUnsafe(ref p, (nuint)j), Vector.LoadUnsafe(ref a, (nuint)j)), ref p, (nuint)j);
            for (; j < units; j++)
                peak[j] = MathF.Max(peak[j], row[j]);
        }
    }

    /// <summary>
    /// Records one batch: the norm of each layer's weight gradient in <paramref name="gradients"/> (a buffer in the
    /// layout of <c>Gradients</c>). Called by a generated <c>TrainEpoch</c> after each batch's backward pass.
    /// </summary>
    /// <param name="gradients">The batch's gradient, <see cref="NetworkSpec.ParameterCount"/> values.</param>
    /// <param name="rows">The rows of the batch.</param>
    /// <exception cref="ArgumentException">The buffer is not <see cref="NetworkSpec.ParameterCount"/> long.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AddBatch(ReadOnlySpan<float> gradients, int rows)
    {
        NetworkGuard.ParameterVector(gradients.Length, Spec.ParameterCount, nameof(gradients));
        for (int l = 0; l < _layers.Length; l++)
        {
            LayerSpec layer = Spec.Layers[l];
            _normSums[l] += Math.Sqrt(SumOfSquares(gradients.Slice(layer.WeightOffset, layer.WeightCount)));
        }

        Batches++;
        Rows += rows;
    }

    /// <summary>
    /// The per-layer table: layer, shape, activation, mean weight-gradient norm, dead ReLU units, and any warning, as
    /// Markdown-style rows.
    /// </summary>
    /// <returns>The table, one line per layer after a header, with a line that states the rule when a layer is flagged.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Gradient health over {Batches} batches ({Rows} rows): mean Euclidean norm of dL/dW per layer, ReLU units never active").Append('\n');
        text.Append("| Layer | Shape       | Activation | Mean norm of dW | Dead ReLU units | Warning").Append('\n');
        text.Append("|-------|-------------|------------|-----------------|-----------------|--------").Append('\n');
        foreach (LayerGradientHealth layer in _layers)
        {
            string shape = string.Create(CultureInfo.InvariantCulture, $"{layer.Layer.Inputs} x {layer.Layer.Units}");
            string dead = layer.IsReLU && Rows > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{layer.DeadUnits} ({layer.DeadFraction:P1})")
                : "-";
            text.Append(CultureInfo.InvariantCulture, $"| {layer.Number,5} | {shape,-11} | {layer.Layer.Activation,-10} | {layer.MeanWeightGradientNorm,15:0.000e+00} | {dead,-15} | {layer.DescribeWarning()}").Append('\n');
        }

        if (HasWarnings)
            text.Append(CultureInfo.InvariantCulture, $"(flagged: a norm below 1/{WarningRatio:0} or above {WarningRatio:0} x the output layer's, or the geometric mean of its two neighbors')").Append('\n');
        return text.ToString();
    }

    internal double MeanNorm(int layer) => Batches == 0 ? double.NaN : _normSums[layer] / Batches;

    internal int DeadUnits(int layer)
    {
        int dead = 0;
        foreach (float peak in _peaks[layer])
        {
            if (!(peak > 0f))
                dead++;
        }

        return Rows == 0 ? 0 : dead;
    }

    internal double RatioToOutput(int layer)
    {
        double output = MeanNorm(_layers.Length - 1);
        return output > 0 ? MeanNorm(layer) / output : double.NaN;
    }

    internal double RatioToNeighbors(int layer)
    {
        if (layer == 0 || layer == _layers.Length - 1)
            return double.NaN;
        double neighbors = Math.Sqrt(MeanNorm(layer - 1) * MeanNorm(layer + 1));
        return neighbors > 0 ? MeanNorm(layer) / neighbors : double.NaN;
    }

    internal GradientWarning WarningOf(int layer)
    {
        double toOutput = RatioToOutput(layer), toNeighbors = RatioToNeighbors(layer);
        if (IsOff(toOutput, GradientWarning.Vanishing) || IsOff(toNeighbors, GradientWarning.Vanishing))
            return GradientWarning.Vanishing;
        if (IsOff(toOutput, GradientWarning.Exploding) || IsOff(toNeighbors, GradientWarning.Exploding))
            return GradientWarning.Exploding;
        return GradientWarning.None;
    }

    /// <summary>Whether a ratio breaks the rule in the given direction (NaN never does).</summary>
    internal static bool IsOff(double ratio, GradientWarning direction) =>
        direction == GradientWarning.Vanishing ? ratio < 1 / WarningRatio : ratio > WarningRatio;

    private static double SumOfSquares(ReadOnlySpan<float> values)
    {
        // Squares in double: a float gradient of 1e20 squares to 1e40, beyond float but far inside double.
        double sum = 0;
        int lanes = Vector<float>.Count;
        ref float v = ref MemoryMarshal.GetReference(values);
        var total = Vector<double>.Zero;
        int k = 0;
        for (; k <= values.Length - lanes; k += lanes)
        {
            Vector.Widen(Vector.LoadUnsafe(ref v, (nuint)k), out Vector<double> low, out Vector<double> high);
            total += low * low + high * high;
        }

        sum += Vector.Sum(total);
        for (; k < values.Length; k++)
            sum += (double)values[k] * values[k];
        return sum;
    }
}
