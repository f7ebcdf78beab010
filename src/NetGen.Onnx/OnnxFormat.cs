namespace NetGen.Onnx;

/// <summary>The ONNX versions NetGen writes and the names it gives the declaration in a file's metadata.</summary>
public static class OnnxFormat
{
    /// <summary>
    /// IR version 8 (ONNX 1.10-1.12): the newest that Debian 12's <c>python3-onnx</c> 1.12 checker accepts, and
    /// read by every ONNX Runtime since 1.10.
    /// </summary>
    public const long IrVersion = 8;

    /// <summary>
    /// Opset 17 of the default domain, the last that <c>python3-onnx</c> 1.12 knows. Every operator NetGen writes
    /// (MatMul, Add, Relu, Sigmoid, Tanh, Softplus, Softmax) has had its current form since opset 14 or earlier.
    /// </summary>
    public const long OpsetVersion = 17;

    /// <summary>The producer name written in every file.</summary>
    public const string ProducerName = "NetGen";

    /// <summary>Metadata key: the declaration as <see cref="Specification.NetworkSpec.ToString"/> prints it.</summary>
    public const string SpecKey = "netgen.spec";

    /// <summary>Metadata key: the layers, one per line, as <c>inputs units activation bias|nobias</c>.</summary>
    public const string LayersKey = "netgen.layers";

    /// <summary>Metadata key: the training loss (<see cref="Loss"/>'s name).</summary>
    public const string LossKey = "netgen.loss";

    /// <summary>Metadata key: the batch reduction (<see cref="Reduction"/>'s name).</summary>
    public const string ReductionKey = "netgen.reduction";

    /// <summary>Metadata key: the head after the last layer (<see cref="OnnxHead"/>'s name).</summary>
    public const string HeadKey = "netgen.head";
}
