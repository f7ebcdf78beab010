using System;

namespace NetGen;

/// <summary>A network trained with a squared loss on real-valued targets; it predicts the output vector of each row.</summary>
public interface IRegressor : INetwork<float>
{
    /// <summary>Writes the network's outputs for any number of rows.</summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="predictions">Receives row-major <c>[count x OutputSize]</c>.</param>
    /// <param name="count">The number of rows; any number, processed in batches of <c>MaxBatch</c>.</param>
    void Predict(ReadOnlySpan<float> inputs, Span<float> predictions, int count);
}
