using System;
using System.Linq;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>Huge logits and pre-activations give finite, accurate losses and gradients.</summary>
public sealed class NumericalStabilityTests
{
    [Fact]
    public void SoftmaxCrossEntropy_WithLogitsOf1000_IsFiniteAndExact()
    {
        // Zero weights, bias [1000, 0, -1000]: the logits of every row. exp(1000) overflows a double.
        var network = new ReferenceNetwork(new NetworkSpec(1, [new LayerDeclaration(3)], maxBatch: 3));
        double[] bias = [1000, 0, -1000];
        bias.CopyTo(network.Parameters[3..]);
        double[] x = [0, 0, 0];

        Assert.Equal(0.0, network.Loss(x.AsSpan(0, 1), [0], 1));
        Assert.Equal(1000.0, network.Loss(x.AsSpan(0, 1), [1], 1));
        Assert.Equal(2000.0, network.Loss(x.AsSpan(0, 1), [2], 1));

        double loss = network.Backward(x, [0, 1, 2], 3);
        Assert.Equal(1000.0, loss); // mean of 0, 1000, 2000
        Assert.All(network.Gradients.ToArray(), g => Assert.True(double.IsFinite(g)));
        // grad b = mean over rows of softmax(z) - onehot(y) = [1, 0, 0] - [1/3, 1/3, 1/3].
        Assert.Equal(2.0 / 3, network.Gradients[3], 1e-15);
        Assert.Equal(-1.0 / 3, network.Gradients[4], 1e-15);
        Assert.Equal(-1.0 / 3, network.Gradients[5], 1e-15);
    }

    [Fact]
    public void SoftmaxCrossEntropy_WithEqualHugeLogits_IsLogOfClassCount()
    {
        var network = new ReferenceNetwork(new NetworkSpec(1, [new LayerDeclaration(4)], maxBatch: 1));
        network.Parameters[4..].Fill(1e300);
        Assert.Equal(Math.Log(4), network.Loss([0.0], [2], 1), 1e-15);
    }

    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Softplus)]
    [InlineData(Activation.ReLU)]
    public void Activations_AtPreactivationsOfPlusMinus1000_GiveFiniteLossAndGradients(Activation activation)
    {
        var network = new ReferenceNetwork(new NetworkSpec(
            1, [new LayerDeclaration(2, activation), new LayerDeclaration(2)], Loss.SoftmaxCrossEntropy, Reduction.Mean, 2));
        double[] parameters = [1000, -1000, 0, 0, 1, 0, 0, 1, 0, 0]; // hidden z = [1000 x, -1000 x], output = hidden
        parameters.CopyTo(network.Parameters);

        double loss = network.Backward([1.0, -1.0], [1, 0], 2);

        Assert.True(double.IsFinite(loss));
        Assert.All(network.Gradients.ToArray(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void Softplus_IsAccurateFarFromZero()
    {
        Assert.Equal(1000.0, ReferenceActivation.Softplus(1000));
        Assert.Equal(0.0, ReferenceActivation.Softplus(-1000));
        // log(1 + e^-40) = e^-40 - e^-80 / 2: log(1 + x) computed naively would give 0.
        Assert.Equal(Math.Exp(-40), ReferenceActivation.Softplus(-40), Math.Exp(-40) * 1e-15);
        Assert.Equal(40 + Math.Exp(-40), ReferenceActivation.Softplus(40));
        Assert.Equal(Math.Log(2), ReferenceActivation.Softplus(0));
        Assert.Equal(1e-10 - 5e-21, ReferenceActivation.LogOnePlus(1e-10), 1e-25);
        Assert.Equal(0.0, ReferenceActivation.Sigmoid(-1000));
        Assert.Equal(1.0, ReferenceActivation.Sigmoid(1000));
    }

    [Fact]
    public void Softplus_MatchesTheDefinitionWhereTheDefinitionIsSafe()
    {
        // log(1 + e^z) evaluated naively is off by up to the rounding of 1 + e^z, about 1.1e-16 absolute.
        foreach (double z in Enumerable.Range(-300, 601).Select(i => i / 20.0))
        {
            double expected = Math.Log(1 + Math.Exp(z));
            Assert.Equal(expected, ReferenceActivation.Softplus(z), expected * 1e-14 + 2.3e-16);
        }
    }
}
