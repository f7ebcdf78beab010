using System;

namespace NetGen.Distributed.TestHost;

/// <summary>
/// MNIST-shaped rows drawn from a seed, the same on every rank: pixels in [-0.5, 0.5), and labels from a fixed random
/// linear teacher, so that the network has something to learn.
/// </summary>
internal sealed class SyntheticData
{
    public SyntheticData(int rows, int seed)
    {
        var random = new Random(seed);
        Images = new float[rows * Hw0Network.InputSize];
        Labels = new byte[rows];
        var teacher = new float[Hw0Network.InputSize * Hw0Network.OutputSize];
        for (int i = 0; i < teacher.Length; i++)
            teacher[i] = (float)(random.NextDouble() - 0.5);
        for (int i = 0; i < Images.Length; i++)
            Images[i] = (float)(random.NextDouble() - 0.5);
        for (int row = 0; row < rows; row++)
        {
            int best = 0;
            float bestScore = float.NegativeInfinity;
            for (int c = 0; c < Hw0Network.OutputSize; c++)
            {
                float score = 0;
                for (int i = 0; i < Hw0Network.InputSize; i++)
                    score += Images[row * Hw0Network.InputSize + i] * teacher[i * Hw0Network.OutputSize + c];
                if (score > bestScore)
                    (best, bestScore) = (c, score);
            }

            Labels[row] = (byte)best;
        }

        Count = rows;
    }

    public float[] Images { get; }

    public byte[] Labels { get; }

    public int Count { get; }

    /// <summary>A copy of the rows in the order <see cref="EpochOrder.Shuffle"/> draws from <paramref name="seed"/>.</summary>
    public (float[] Images, byte[] Labels) Reordered(ulong seed)
    {
        var order = new int[Count];
        EpochOrder.Shuffle(order, seed);
        var images = new float[Images.Length];
        var labels = new byte[Count];
        for (int i = 0; i < Count; i++)
        {
            Images.AsSpan(order[i] * Hw0Network.InputSize, Hw0Network.InputSize).CopyTo(images.AsSpan(i * Hw0Network.InputSize));
            labels[i] = Labels[order[i]];
        }

        return (images, labels);
    }
}
