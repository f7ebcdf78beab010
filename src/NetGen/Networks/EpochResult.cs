namespace NetGen;

/// <summary>What one training epoch reports.</summary>
/// <param name="MeanLoss">The mean per-row loss over the epoch, each batch's loss taken before its step.</param>
/// <param name="Count">The number of rows trained on.</param>
/// <param name="Batches">The number of SGD steps taken.</param>
public readonly record struct EpochResult(double MeanLoss, int Count, int Batches);
