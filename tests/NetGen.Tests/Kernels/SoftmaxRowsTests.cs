using System;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>The block softmax cross-entropy against the one-row kernel, and independent of where the block starts.</summary>
public sealed class SoftmaxRowsTests
{
    [Theory]
    [InlineData(10, 100)]
    [InlineData(3, 1)]
    [InlineData(9, 7)]
    [InlineData(17, 5)]
    public void SoftmaxCrossEntropyRows_MatchesTheRowKernel(int classes, int rows)
    {
        var random = new Random(classes * rows);
        float[] logits = new float[rows * classes];
        for (int i = 0; i < logits.Length; i++)
            logits[i] = (float)(8 * random.NextDouble() - 4);
        int[] labels = new int[rows];
        for (int b = 0; b < rows; b++)
            labels[b] = random.Next(classes);
        float[] gradient = new float[logits.Length];
        double[] losses = new double[rows];

        Losses.SoftmaxCrossEntropyRows(logits, labels, gradient, losses, classes, 0, rows, 1f / rows);

        float[] expected = new float[classes];
        for (int b = 0; b < rows; b++)
        {
            double loss = Losses.SoftmaxCrossEntropy(logits.AsSpan(b * classes, classes), labels[b], expected, 1f / rows);
            Assert.Equal(loss, losses[b], 1e-6);
            for (int j = 0; j < classes; j++)
                Assert.Equal(expected[j], gradient[b * classes + j], 1e-6f);
        }
    }

    [Fact]
    public void SoftmaxCrossEntropyRows_GivesARowTheSameBitsInAnyBlock()
    {
        const int classes = 9, rows = 11;
        var random = new Random(4);
        float[] logits = new float[rows * classes];
        for (int i = 0; i < logits.Length; i++)
            logits[i] = (float)(8 * random.NextDouble() - 4);
        int[] labels = new int[rows];
        float[] whole = new float[logits.Length], pieces = new float[logits.Length];
        double[] wholeLosses = new double[rows], pieceLosses = new double[rows];

        Losses.SoftmaxCrossEntropyRows(logits, labels, whole, wholeLosses, classes, 0, rows, 0.1f);
        for (int first = 0; first < rows; first += 4)
            Losses.SoftmaxCrossEntropyRows(logits, labels, pieces, pieceLosses, classes, first, Math.Min(first + 4, rows), 0.1f);

        Assert.Equal(wholeLosses, pieceLosses);
        Assert.Equal(whole, pieces);
    }
}
