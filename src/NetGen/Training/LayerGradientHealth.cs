using System;
using System.Globalization;
using NetGen.Specification;

namespace NetGen.Training;

/// <summary>
/// One layer's figures in a <see cref="GradientHealth"/>: computed from the batches observed so far whenever they are
/// read (reading allocates nothing).
/// </summary>
public sealed class LayerGradientHealth
{
    private readonly GradientHealth _owner;

    internal LayerGradientHealth(GradientHealth owner, LayerSpec layer)
    {
        _owner = owner;
        Layer = layer;
    }

    /// <summary>The layer.</summary>
    public LayerSpec Layer { get; }

    /// <summary>The layer's number, counted from 1 (the <c>1</c> of <c>W1</c>).</summary>
    public int Number => Layer.Index + 1;

    /// <summary>
    /// The Euclidean norm of the layer's weight gradient <c>dL/dW</c> (the bias left out), averaged over the batches
    /// observed; NaN before any batch.
    /// </summary>
    public double MeanWeightGradientNorm => _owner.MeanNorm(Layer.Index);

    /// <summary>Whether the layer's units are ReLU, so that the dead-unit figures apply.</summary>
    public bool IsReLU => Layer.Activation == Activation.ReLU;

    /// <summary>
    /// For a ReLU layer, the units that were never active (output &gt; 0) on any row observed; 0 for other layers.
    /// </summary>
    public int DeadUnits => _owner.DeadUnits(Layer.Index);

    /// <summary>
    /// For a ReLU layer, <see cref="DeadUnits"/> over the layer's units; NaN for other layers and before any batch.
    /// </summary>
    public double DeadFraction => IsReLU && _owner.Rows > 0 ? (double)DeadUnits / Layer.Units : double.NaN;

    /// <summary>
    /// <see cref="MeanWeightGradientNorm"/> over the output layer's (1 for the output layer itself; NaN when the output
    /// layer's norm is 0 or not yet measured).
    /// </summary>
    public double RatioToOutput => _owner.RatioToOutput(Layer.Index);

    /// <summary>
    /// <see cref="MeanWeightGradientNorm"/> over the geometric mean of the norms of the layers just before and after it;
    /// NaN for the first and the last layer, which have one neighbor (the output layer is their reference instead).
    /// </summary>
    public double RatioToNeighbors => _owner.RatioToNeighbors(Layer.Index);

    /// <summary>The verdict of the rule in <see cref="GradientHealth"/>.</summary>
    public GradientWarning Warning => _owner.WarningOf(Layer.Index);

    /// <summary>The warning in words, with the ratio that triggered it; empty without a warning.</summary>
    /// <returns>For example <c>vanishing: 3.2e-07 x the output layer's norm</c>.</returns>
    public string DescribeWarning()
    {
        GradientWarning warning = Warning;
        if (warning == GradientWarning.None)
            return string.Empty;
        string word = warning == GradientWarning.Vanishing ? "vanishing" : "exploding";
        double toOutput = RatioToOutput, toNeighbors = RatioToNeighbors;
        bool byOutput = GradientHealth.IsOff(toOutput, warning);
        return byOutput
            ? string.Create(CultureInfo.InvariantCulture, $"{word}: {toOutput:0.0e+00} x the output layer's norm")
            : string.Create(CultureInfo.InvariantCulture, $"{word}: {toNeighbors:0.0e+00} x its neighbors' norms");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"layer {Number}: |dW| {MeanWeightGradientNorm:0.000e+00}") +
        (IsReLU ? string.Create(CultureInfo.InvariantCulture, $", {DeadUnits} of {Layer.Units} ReLU units dead") : string.Empty) +
        (Warning == GradientWarning.None ? string.Empty : ", " + DescribeWarning());
}
