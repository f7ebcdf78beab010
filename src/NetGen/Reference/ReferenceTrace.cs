namespace NetGen.Reference;

/// <summary>
/// What the forward pass of <see cref="ReferenceNetwork"/> keeps for the backward pass: every layer's
/// pre-activation <c>Z_l</c> and activation <c>A_l</c>, row-major over the batch.
/// </summary>
internal sealed class ReferenceTrace
{
    /// <summary>Starts a trace of <paramref name="layers"/> layers over <paramref name="rows"/> rows.</summary>
    public ReferenceTrace(int layers, int rows)
    {
        Rows = rows;
        PreActivations = new double[layers][];
        Activations = new double[layers + 1][];
    }

    /// <summary>The number of rows of the batch.</summary>
    public int Rows { get; }

    /// <summary><c>Z_l</c> at index <c>l - 1</c>, each <c>[Rows x units_l]</c>.</summary>
    public double[][] PreActivations { get; }

    /// <summary><c>A_l</c> at index <c>l</c>: <c>A_0 = X</c>, then each layer's <c>[Rows x units_l]</c>.</summary>
    public double[][] Activations { get; }

    /// <summary>The network's output <c>A_L</c>.</summary>
    public double[] Output => Activations[^1];
}
