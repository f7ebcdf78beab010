using System;
using System.Globalization;

namespace NetGen.Training;

/// <summary>
/// A training step produced a non-finite loss, gradient or parameter. The step was undone: the network's parameters
/// are exactly those from before it, so the caller still holds the last good weights.
/// </summary>
/// <remarks>
/// Thrown by <c>TrainBatch</c> and <c>TrainEpoch</c>. The message names the batch (its index within the epoch and its
/// rows), the layer and quantity that went non-finite first (in the order the step computes them: each layer's
/// activations, the loss, each layer's gradient from the output down, then the parameters), and suggests a smaller
/// learning rate.
/// </remarks>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception from the facts of the failed step.</summary>
    /// <param name="batch">The batch's index within the epoch, counted from 0 (0 for <c>TrainBatch</c>).</param>
    /// <param name="firstRow">The batch's first row within the epoch's data (0 for <c>TrainBatch</c>).</param>
    /// <param name="rows">The rows of the batch.</param>
    /// <param name="layer">The layer, counted from 1, whose quantity went non-finite first.</param>
    /// <param name="quantity">What went non-finite, e.g. <c>the loss</c>, <c>the activations Z2</c>, <c>the gradient G1</c>, <c>the parameters W2, b2</c>.</param>
    /// <param name="learningRate">The step's learning rate.</param>
    public TrainingDivergedException(int batch, int firstRow, int rows, int layer, string quantity, float learningRate)
        : base(Describe(batch, firstRow, rows, layer, quantity, learningRate))
    {
        Batch = batch;
        FirstRow = firstRow;
        Rows = rows;
        Layer = layer;
        Quantity = quantity;
        LearningRate = learningRate;
    }

    /// <summary>The batch's index within the epoch, counted from 0 (0 for <c>TrainBatch</c>).</summary>
    public int Batch { get; }

    /// <summary>The batch's first row within the epoch's data (0 for <c>TrainBatch</c>).</summary>
    public int FirstRow { get; }

    /// <summary>The rows of the batch.</summary>
    public int Rows { get; }

    /// <summary>The layer, counted from 1, whose quantity went non-finite first.</summary>
    public int Layer { get; }

    /// <summary>What went non-finite first, e.g. <c>the activations Z2</c>.</summary>
    public string Quantity { get; }

    /// <summary>The learning rate of the step.</summary>
    public float LearningRate { get; }

    private static string Describe(int batch, int firstRow, int rows, int layer, string quantity, float learningRate) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Training diverged at batch {batch} (rows {firstRow} to {firstRow + rows - 1}): {quantity} (layer {layer}) became NaN or infinite. "
            + $"The step was undone; the parameters are those from before it. Try a smaller learning rate (now {learningRate:R}).");
}
