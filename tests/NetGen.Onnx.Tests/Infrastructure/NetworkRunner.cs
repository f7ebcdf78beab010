using System;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>Runs a generated network's <c>Forward</c> over any number of rows, in batches of its <c>MaxBatch</c>.</summary>
internal static class NetworkRunner
{
    public static float[] Forward(INetwork network, float[] inputs, int rows)
    {
        int inputSize = network.Spec.InputSize, outputSize = network.Spec.OutputSize;
        var outputs = new float[rows * outputSize];
        for (int start = 0; start < rows; start += network.Spec.MaxBatch)
        {
            int batch = Math.Min(network.Spec.MaxBatch, rows - start);
            network.Forward(
                inputs.AsSpan(start * inputSize, batch * inputSize),
                outputs.AsSpan(start * outputSize, batch * outputSize),
                batch);
        }

        return outputs;
    }

    /// <summary>The softmax of each row of <paramref name="logits"/>, in double precision.</summary>
    public static float[] Softmax(float[] logits, int columns)
    {
        var probabilities = new float[logits.Length];
        for (int row = 0; row < logits.Length / columns; row++)
        {
            ReadOnlySpan<float> z = logits.AsSpan(row * columns, columns);
            double max = double.NegativeInfinity, sum = 0;
            foreach (float value in z) max = Math.Max(max, value);
            foreach (float value in z) sum += Math.Exp(value - max);
            for (int j = 0; j < columns; j++)
                probabilities[row * columns + j] = (float)(Math.Exp(z[j] - max) / sum);
        }

        return probabilities;
    }
}
