// This file is linked into the generator (netstandard2.0): keep it free of dependencies.
namespace NetGen;

/// <summary>
/// The bounds a declaration must respect. The generator reports a diagnostic for a declaration outside them,
/// and <c>NetGen.Specification.NetworkSpec</c> enforces the same bounds at run time.
/// </summary>
public static class NetworkLimits
{
    /// <summary>The largest number of inputs or units of one layer: 1,048,576.</summary>
    public const int MaxWidth = 1 << 20;

    /// <summary>The largest number of <c>[Dense]</c> layers in one network: 64.</summary>
    public const int MaxLayers = 64;

    /// <summary>The largest <c>MaxBatch</c>: 65,536 rows per call.</summary>
    public const int MaxBatch = 1 << 16;

    /// <summary>
    /// The largest number of parameters (weights and biases): 67,108,864 floats (256 MiB). Past this a
    /// shape-specialized trainer no longer pays for itself and one buffer is larger than a CPU cache by
    /// orders of magnitude.
    /// </summary>
    public const long MaxParameterCount = 1L << 26;

    /// <summary>
    /// The largest number of floats in the preallocated batch buffers (activations and their gradients for
    /// <c>MaxBatch</c> rows): 268,435,456 floats (1 GiB).
    /// </summary>
    public const long MaxBufferFloats = 1L << 28;

    /// <summary>
    /// The largest <c>degreeOfParallelism</c> of a multi-threaded <c>TrainEpoch</c>: 256 threads, the caller's included.
    /// A step shares out at most <c>MaxBatch</c> rows, and each thread keeps its own scratch buffers, so more threads than
    /// cores only cost memory; a larger value is an <c>ArgumentOutOfRangeException</c>, before anything is started.
    /// </summary>
    public const int MaxDegreeOfParallelism = 256;
}
