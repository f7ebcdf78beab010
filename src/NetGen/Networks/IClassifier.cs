using System;

namespace NetGen;

/// <summary>A network trained with softmax cross-entropy on class labels; it predicts the class of each row.</summary>
public interface IClassifier : INetwork<byte>, INetwork<int>
{
    /// <summary>Writes the most likely class (the argmax of the logits, the lowest index on ties) of each row.</summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="predictions">Receives <paramref name="count"/> class indices.</param>
    /// <param name="count">The number of rows; any number, processed in batches of <c>MaxBatch</c>.</param>
    void Predict(ReadOnlySpan<float> inputs, Span<int> predictions, int count);
}
