using System;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>
/// Fills a network's parameters with seeded values of scale <c>1/sqrt(inputs)</c>, biases included: declared
/// initializers would leave zero biases (and SoftmaxRegression all zeros), which would not show a bias going astray.
/// </summary>
internal static class TestParameters
{
    public static void Fill(INetwork network, int seed)
    {
        var random = new Random(seed);
        Span<float> parameters = network.Parameters;
        foreach (var layer in network.Spec.Layers)
        {
            float scale = 2f / MathF.Sqrt(layer.Inputs);
            for (int i = 0; i < layer.ParameterCount; i++)
                parameters[layer.WeightOffset + i] = (float)(random.NextDouble() - 0.5) * scale;
        }
    }
}
