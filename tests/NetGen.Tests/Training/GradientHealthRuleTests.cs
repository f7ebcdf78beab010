using System;
using System.Linq;
using NetGen.Specification;
using NetGen.Training;

namespace NetGen.Tests.Training;

/// <summary>
/// The warning rule of <see cref="GradientHealth"/> on hand-made gradients: 1000x below or above the output layer's
/// norm, or (for a layer with two neighbors) the geometric mean of its neighbors'.
/// </summary>
public sealed class GradientHealthRuleTests
{
    // Four layers 2-2-2-2-2, no bias: each weight block has 4 entries, so a block filled with x has norm 2|x|.
    private static readonly NetworkSpec Spec = new(
        2,
        Enumerable.Range(0, 4).Select(_ => new LayerDeclaration(2, Activation.Tanh, Bias: false, Init.XavierNormal, Init.Zeros)).ToArray(),
        Loss.SquaredError,
        Reduction.Mean,
        maxBatch: 4);

    [Theory]
    [InlineData(1, 1, 1, 1, "None,None,None,None")]
    [InlineData(1e-4, 1e-2, 1e-1, 1, "Vanishing,None,None,None")] // 1e-4 of the output layer's
    [InlineData(1e-2, 1e-5, 1e-2, 1e-2, "None,Vanishing,None,None")] // 1e-3 of the output's and of its neighbors'
    [InlineData(1, 1e-4, 1, 10, "None,Vanishing,None,None")] // 1e-4 of its neighbors', 1e-5 of the output's
    [InlineData(1, 1e-1, 1e2, 1, "None,None,None,None")] // uneven, but within 1000x of every reference
    [InlineData(5e3, 1, 1, 1, "Exploding,None,None,None")]
    [InlineData(1, 1, 2e3, 1, "None,None,Exploding,None")]
    [InlineData(0, 1, 1, 1, "Vanishing,None,None,None")] // a zero gradient
    public void Rule_FlagsTheLayersOutOfLine(double n1, double n2, double n3, double n4, string expected)
    {
        var health = new GradientHealth(Spec);
        float[] gradients = new float[Spec.ParameterCount];
        double[] norms = [n1, n2, n3, n4];
        for (int l = 0; l < 4; l++)
            gradients.AsSpan(Spec.Layers[l].WeightOffset, 4).Fill((float)(norms[l] / 2));
        health.AddBatch(gradients, 4);

        Assert.Equal(expected, string.Join(",", health.Layers.Select(l => l.Warning)));
        for (int l = 0; l < 4; l++)
            Assert.Equal(norms[l], health.Layers[l].MeanWeightGradientNorm, 1e-6 * Math.Max(norms[l], 1e-30));
        Assert.Equal(expected != "None,None,None,None", health.HasWarnings);
    }

    [Fact]
    public void MeanOverBatches_IsTheMeanOfTheBatchNorms()
    {
        var health = new GradientHealth(Spec);
        float[] gradients = new float[Spec.ParameterCount];
        gradients.AsSpan().Fill(0.5f); // norm 1 per layer
        health.AddBatch(gradients, 3);
        gradients.AsSpan().Fill(1.5f); // norm 3 per layer
        health.AddBatch(gradients, 2);
        Assert.Equal(2, health.Batches);
        Assert.Equal(5, health.Rows);
        Assert.All(health.Layers, l => Assert.Equal(2.0, l.MeanWeightGradientNorm, 1e-12));
        Assert.All(health.Layers, l => Assert.True(double.IsNaN(l.DeadFraction)));
    }

    [Fact]
    public void DeadUnits_AreTheUnitsNeverAboveZero()
    {
        var spec = new NetworkSpec(2, [new LayerDeclaration(3, Activation.ReLU, Bias: false, Init.XavierNormal, Init.Zeros), new LayerDeclaration(2, Activation.Identity, Bias: false, Init.XavierNormal, Init.Zeros)], Loss.SoftmaxCrossEntropy, Reduction.Mean, maxBatch: 4);
        var health = new GradientHealth(spec);
        health.ObserveActivations(0, [0f, 1f, 0f, 0f, 0f, 0f]); // unit 1 fires in row 0
        health.ObserveActivations(0, [0f, 0f, 2f]);             // unit 2 fires in the next batch
        health.ObserveActivations(1, [5f, 5f]);                  // not a ReLU layer: ignored
        health.AddBatch(new float[spec.ParameterCount], 3);
        Assert.Equal(1, health.Layers[0].DeadUnits);
        Assert.Equal(1.0 / 3, health.Layers[0].DeadFraction, 1e-12);
        Assert.Equal(0, health.Layers[1].DeadUnits);
        Assert.Contains("1 (33.3 %)", health.ToString(), StringComparison.Ordinal);
    }
}
