using System;
using NetGen.Specification;

namespace NetGen.Reporting;

/// <summary>Per-layer gradient norms, the numbers a <see cref="TrainingReport"/> draws as its gradient-norm chart.</summary>
public static class GradientNorms
{
    /// <summary>The Euclidean (L2) norm of each layer's gradient, weights and bias together, in double precision.</summary>
    /// <param name="spec">The network's declaration, which says where each layer sits in the buffer.</param>
    /// <param name="gradients">A gradient buffer in the layout of <see cref="INetwork.Gradients"/>.</param>
    /// <returns>One norm per layer, input to output.</returns>
    /// <exception cref="ArgumentException"><paramref name="gradients"/> is not <see cref="NetworkSpec.ParameterCount"/> long.</exception>
    public static double[] PerLayer(NetworkSpec spec, ReadOnlySpan<float> gradients)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (gradients.Length != spec.ParameterCount)
            throw new ArgumentException(
                $"The gradient buffer holds {gradients.Length} values but the network has {spec.ParameterCount} parameters.",
                nameof(gradients));
        var norms = new double[spec.Layers.Count];
        for (int i = 0; i < norms.Length; i++)
        {
            LayerSpec layer = spec.Layers[i];
            double sum = 0;
            foreach (float g in gradients.Slice(layer.WeightOffset, layer.ParameterCount))
                sum += (double)g * g;
            norms[i] = Math.Sqrt(sum);
        }

        return norms;
    }

    /// <summary>The L2 norm of each layer's gradient in <see cref="INetwork.Gradients"/> (as the last backward pass left it).</summary>
    /// <param name="network">The network.</param>
    /// <returns>One norm per layer, input to output.</returns>
    public static double[] PerLayer(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return PerLayer(network.Spec, network.Gradients);
    }
}
