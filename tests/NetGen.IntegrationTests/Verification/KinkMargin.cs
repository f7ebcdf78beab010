using System;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// How far the ReLU pre-activations of a batch stay from the kink at the interpreter's current parameters: the
/// smallest nonzero <c>|z|</c>. Float and double must agree on the side of the kink for their gradients to compare;
/// a pre-activation that is exactly 0 (zero weights, a zero row without bias) is exactly 0 in both and is no risk.
/// </summary>
internal static class KinkMargin
{
    public static double Of(ReferenceNetwork reference, Batch batch)
    {
        NetworkSpec spec = reference.Spec;
        ReadOnlySpan<double> parameters = reference.Parameters;
        double[] activations = batch.WideInputs;
        double margin = double.PositiveInfinity;
        foreach (LayerSpec layer in spec.Layers)
        {
            double[] next = new double[batch.Rows * layer.Units];
            for (int b = 0; b < batch.Rows; b++)
            {
                for (int j = 0; j < layer.Units; j++)
                {
                    double z = layer.HasBias ? parameters[layer.BiasOffset + j] : 0;
                    for (int i = 0; i < layer.Inputs; i++)
                        z += activations[b * layer.Inputs + i] * parameters[layer.WeightOffset + i * layer.Units + j];
                    if (layer.Activation is Activation.ReLU or Activation.LeakyReLU && z != 0)
                        margin = Math.Min(margin, Math.Abs(z));
                    next[b * layer.Units + j] = Apply(layer.Activation, z, layer.NegativeSlope);
                }
            }

            activations = next;
        }

        return margin;
    }

    private static double Apply(Activation activation, double z, double slope) => activation switch
    {
        Activation.Identity => z,
        Activation.ReLU => Math.Max(z, 0),
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.LeakyReLU => z > 0 ? z : slope * z,
        Activation.SiLU => z / (1 + Math.Exp(-z)),
        Activation.GELU => 0.5 * z * (1 + Math.Tanh(0.7978845608028654 * (z + 0.044715 * z * z * z))),
        _ => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))),
    };
}
