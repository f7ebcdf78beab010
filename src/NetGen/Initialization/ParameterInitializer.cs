using System;
using NetGen.Specification;

namespace NetGen.Initialization;

/// <summary>
/// Fills a parameter buffer from a seed, following each layer's <see cref="Init"/>. Generated networks and the
/// reference interpreter both call this, so the same seed gives both the same parameters.
/// </summary>
/// <remarks>
/// One <see cref="DeterministicRandom"/> is started at the seed and consumed in layout order: for each layer, its
/// weights row by row, then its bias. A <see cref="Init.Zeros"/> tensor draws nothing, so changing one layer's
/// initializer to zeros shifts the draws of the layers after it.
/// </remarks>
public static class ParameterInitializer
{
    /// <summary>Initializes <paramref name="parameters"/> (laid out as <paramref name="spec"/> says) from <paramref name="seed"/>.</summary>
    /// <param name="spec">The network whose parameters these are.</param>
    /// <param name="parameters">The buffer, of length <see cref="NetworkSpec.ParameterCount"/>.</param>
    /// <param name="seed">The seed; the same seed gives the same parameters everywhere.</param>
    /// <exception cref="ArgumentException">The buffer's length is not the spec's parameter count.</exception>
    public static void Initialize(NetworkSpec spec, Span<float> parameters, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (parameters.Length != spec.ParameterCount)
            throw new ArgumentException($"The parameter buffer has {parameters.Length} elements; the network has {spec.ParameterCount} parameters.", nameof(parameters));

        var random = new DeterministicRandom(seed);
        foreach (LayerSpec layer in spec.Layers)
        {
            Fill(parameters.Slice(layer.WeightOffset, layer.WeightCount), layer.WeightInit, layer.Inputs, layer.Units, random);
            if (layer.HasBias)
                Fill(parameters.Slice(layer.BiasOffset, layer.Units), layer.BiasInit, layer.Inputs, layer.Units, random);
        }
    }

    /// <summary>Fills one tensor with <paramref name="init"/> for a layer with the given fans.</summary>
    internal static void Fill(Span<float> tensor, Init init, int fanIn, int fanOut, DeterministicRandom random)
    {
        switch (init)
        {
            case Init.Zeros:
                tensor.Clear();
                break;
            case Init.XavierNormal:
                FillNormal(tensor, Math.Sqrt(2.0 / (fanIn + fanOut)), random);
                break;
            case Init.XavierUniform:
                double a = Math.Sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < tensor.Length; i++)
                    tensor[i] = (float)((2 * random.NextDouble() - 1) * a);
                break;
            case Init.HeNormal:
                FillNormal(tensor, Math.Sqrt(2.0 / fanIn), random);
                break;
            case Init.ScaledNormal:
                FillNormal(tensor, 1.0 / Math.Sqrt(fanOut), random);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown initializer.");
        }
    }

    private static void FillNormal(Span<float> tensor, double std, DeterministicRandom random)
    {
        for (int i = 0; i < tensor.Length; i++)
            tensor[i] = (float)(random.NextGaussian() * std);
    }
}
