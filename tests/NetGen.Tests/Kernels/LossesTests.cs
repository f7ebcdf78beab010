using System;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>The per-row losses and gradients of generated networks against double-precision formulas.</summary>
public sealed class LossesTests
{
    [Fact]
    public void SoftmaxCrossEntropy_MatchesDoublePrecision_WithGradient()
    {
        var random = new Random(1);
        for (int trial = 0; trial < 200; trial++)
        {
            int classes = 2 + random.Next(30);
            float[] logits = new float[classes];
            for (int j = 0; j < classes; j++)
                logits[j] = (float)((random.NextDouble() - 0.5) * 20);
            int label = random.Next(classes);
            float scale = 1f / (1 + random.Next(100));
            float[] gradient = new float[classes];

            double loss = Losses.SoftmaxCrossEntropy(logits, label, gradient, scale);

            (double expectedLoss, double[] expectedGradient) = Reference(logits, label, scale);
            Assert.Equal(expectedLoss, loss, 1e-6 * Math.Max(1, expectedLoss));
            Assert.Equal(loss, Losses.SoftmaxCrossEntropy(logits, label));
            for (int j = 0; j < classes; j++)
                Assert.Equal(expectedGradient[j], gradient[j], 1e-6 * scale);
        }
    }

    [Fact]
    public void SoftmaxCrossEntropy_OfConfidentRow_KeepsTheLabelGradientAccurate()
    {
        // softmax_y = 1 - 2e-9: float would round it to 1 and lose the gradient at the label entirely.
        float[] logits = [20f, 0f];
        float[] gradient = new float[2];
        Losses.SoftmaxCrossEntropy(logits, 0, gradient, 1f);
        double expected = -Math.Exp(-20) / (1 + Math.Exp(-20));
        Assert.Equal(expected, gradient[0], Math.Abs(expected) * 1e-6);
        Assert.Equal(-expected, gradient[1], Math.Abs(expected) * 1e-6);
    }

    [Fact]
    public void SoftmaxCrossEntropy_OfHugeLogits_IsFinite()
    {
        float[] logits = [1000f, 0f, -1000f];
        float[] gradient = new float[3];
        Assert.Equal(2000.0, Losses.SoftmaxCrossEntropy(logits, 2, gradient, 1f));
        Assert.Equal([1f, 0f, -1f], gradient); // softmax [1, 0, 0] minus the one-hot of class 2
        Assert.Equal(Math.Log(3), Losses.SoftmaxCrossEntropy([1e30f, 1e30f, 1e30f], 1), 1e-6);
    }

    [Fact]
    public void SquaredError_IsTheSumOfSquaredResiduals_WithScaledResidualGradient()
    {
        float[] outputs = [1f, -2f, 0.5f];
        float[] targets = [0f, 1f, 0.5f];
        float[] gradient = new float[3];
        Assert.Equal(10.0, Losses.SquaredError(outputs, targets, gradient, 2f));
        Assert.Equal([2f, -6f, 0f], gradient);
        Assert.Equal(10.0, Losses.SquaredError(outputs, targets));
    }

    [Fact]
    public void ArgMax_TakesTheLowestIndexOnTies_LikeTheInterpreter()
    {
        Assert.Equal(1, Losses.ArgMax([0f, 3f, 3f, 1f]));
        Assert.Equal(0, Losses.ArgMax([5f]));
        Assert.Equal(3, Losses.ArgMax([-2f, -1f, -1f, 0f]));

        // Only a strictly greater value takes over, so a NaN is never picked after the first entry.
        Assert.Equal(0, Losses.ArgMax([-1f, float.NaN]));
    }

    private static (double Loss, double[] Gradient) Reference(float[] logits, int label, float scale)
    {
        double max = double.NegativeInfinity;
        foreach (float z in logits)
            max = Math.Max(max, z);
        double sum = 0;
        foreach (float z in logits)
            sum += Math.Exp(z - max);
        double[] gradient = new double[logits.Length];
        for (int j = 0; j < logits.Length; j++)
            gradient[j] = scale * (Math.Exp(logits[j] - max) / sum - (j == label ? 1 : 0));
        return (Math.Log(sum) + max - logits[label], gradient);
    }
}
