using System;
using NetGen.Initialization;
using NetGen.Samples.CartPole;

namespace NetGen.Samples.Tests;

/// <summary>The CartPole sample's Adam against torch.optim.Adam's update written out in double precision.</summary>
public sealed class CartPoleAdamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]   // vector lanes and a scalar tail
    [InlineData(4610)] // the Q-network
    public void FiveSteps_MatchTorchsAdamFormula(int count)
    {
        const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        var random = new DeterministicRandom(9);
        float[] parameters = new float[count];
        double[] expected = new double[count], m = new double[count], v = new double[count];
        for (int i = 0; i < count; i++)
            expected[i] = parameters[i] = (float)random.NextGaussian();
        var adam = new Adam(count, (float)lr);
        float[] gradients = new float[count];

        for (int t = 1; t <= 5; t++)
        {
            for (int i = 0; i < count; i++)
                gradients[i] = (float)(random.NextGaussian() * (i % 3 == 0 ? 1e-3 : 1)); // small and ordinary gradients
            adam.Step(parameters, gradients);
            for (int i = 0; i < count; i++)
            {
                m[i] = b1 * m[i] + (1 - b1) * gradients[i];
                v[i] = b2 * v[i] + (1 - b2) * gradients[i] * gradients[i];
                expected[i] -= lr / (1 - Math.Pow(b1, t)) * m[i] / (Math.Sqrt(v[i]) / Math.Sqrt(1 - Math.Pow(b2, t)) + eps);
            }
        }

        for (int i = 0; i < count; i++)
            Assert.True(Math.Abs(parameters[i] - expected[i]) <= 1e-6 * Math.Max(1, Math.Abs(expected[i])),
                $"parameter {i}: {parameters[i]} against {expected[i]}");
    }

    [Fact]
    public void FirstStep_MovesEachParameterByTheLearningRateAgainstItsGradientsSign()
    {
        var adam = new Adam(3, 0.01f);
        float[] parameters = { 1f, 1f, 1f };
        adam.Step(parameters, new[] { 5f, -0.2f, 0f });
        Assert.Equal(0.99f, parameters[0], 6);
        Assert.Equal(1.01f, parameters[1], 6);
        Assert.Equal(1f, parameters[2]);
    }

    [Fact]
    public void WrongLength_Throws()
    {
        var adam = new Adam(3, 0.01f);
        Assert.Throws<ArgumentException>(() => adam.Step(new float[4], new float[4]));
    }
}
