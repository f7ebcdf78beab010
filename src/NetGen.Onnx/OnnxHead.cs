namespace NetGen.Onnx;

/// <summary>An extra operator after the network's last layer in an exported file, for consumers that want probabilities.</summary>
public enum OnnxHead
{
    /// <summary>None: the file computes exactly what <see cref="INetwork.Forward"/> computes (logits for a classifier).</summary>
    None = 0,

    /// <summary>A <c>Softmax</c> over each row (the last axis): class probabilities from a softmax cross-entropy network's logits.</summary>
    Softmax = 1,

    /// <summary>An elementwise <c>Sigmoid</c>: independent probabilities from logits.</summary>
    Sigmoid = 2,
}
