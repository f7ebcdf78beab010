using System;
using NetGen.Reference;
using NetGen.Training;

namespace NetGen.Tests.Training;

/// <summary>The optimizers' and schedules' argument checks, and the update equations on one parameter by hand.</summary>
public sealed class ReferenceOptimizerTests
{
    [Theory]
    [InlineData(-0.1, 0, 0)]
    [InlineData(double.NaN, 0, 0)]
    [InlineData(double.PositiveInfinity, 0, 0)]
    [InlineData(0.1, -0.1, 0)]
    [InlineData(0.1, 1, 0)]
    [InlineData(0.1, double.NaN, 0)]
    [InlineData(0.1, 0.5, -1)]
    [InlineData(0.1, 0.5, double.NaN)]
    public void Sgd_OutOfRangeHyperparameters_Throw(double lr, double momentum, double weightDecay) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReferenceSgd(3, lr, momentum, weightDecay: weightDecay));

    [Fact]
    public void Sgd_NesterovWithoutMomentumOrWithDampening_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ReferenceSgd(3, 0.1, momentum: 0, nesterov: true));
        Assert.Throws<ArgumentException>(() => new ReferenceSgd(3, 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
    }

    [Theory]
    [InlineData(1.0, 0.999, 1e-8)]
    [InlineData(-0.1, 0.999, 1e-8)]
    [InlineData(0.9, 1.0, 1e-8)]
    [InlineData(0.9, 0.999, -1e-8)]
    [InlineData(0.9, 0.999, double.NaN)]
    public void Adam_OutOfRangeHyperparameters_Throw(double beta1, double beta2, double epsilon) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReferenceAdam(3, 1e-3, beta1, beta2, epsilon));

    [Fact]
    public void Step_WrongLengths_ThrowBeforeWriting()
    {
        var sgd = new ReferenceSgd(2, 0.1, momentum: 0.5);
        double[] parameters = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => sgd.Step(parameters, new double[3]));
        Assert.Throws<ArgumentException>(() => sgd.Step(parameters.AsSpan(0, 2), new double[1]));
        Assert.Equal([1.0, 2, 3], parameters);
        Assert.Equal(0, sgd.Steps);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = double.NaN);
    }

    [Fact]
    public void Momentum_ByHand()
    {
        // p = 1, grads 1 then 2, lr 0.1, momentum 0.5, weight decay 0.1:
        // step 1: g = 1 + 0.1 = 1.1, b = 1.1, p = 1 - 0.11 = 0.89
        // step 2: g = 2 + 0.089 = 2.089, b = 0.55 + 2.089 = 2.639, p = 0.89 - 0.2639 = 0.6261
        var sgd = new ReferenceSgd(1, 0.1, momentum: 0.5, weightDecay: 0.1);
        double[] p = [1];
        sgd.Step(p, [1.0]);
        Assert.Equal(0.89, p[0], 15);
        sgd.Step(p, [2.0]);
        Assert.Equal(0.6261, p[0], 15);
        Assert.Equal(2.639, sgd.MomentumBuffer[0], 15);
    }

    [Fact]
    public void Adam_FirstStep_MovesByTheLearningRate()
    {
        // With bias correction, m_hat = g and v_hat = g^2 at step 1: p moves by lr * g / (|g| + eps), about lr.
        var adam = new ReferenceAdam(2, learningRate: 0.01, epsilon: 0);
        double[] p = [0.5, -2];
        adam.Step(p, [3.0, -1e-4]);
        Assert.Equal(0.49, p[0], 15);
        Assert.Equal(-1.99, p[1], 14);
        var adamW = ReferenceAdam.AdamW(1, learningRate: 0.01, weightDecay: 0.5, beta1: 0.9, beta2: 0.999, epsilon: 0);
        double[] q = [2];
        adamW.Step(q, [1.0]);
        Assert.Equal(2 * (1 - 0.005) - 0.01, q[0], 15);
    }

    [Fact]
    public void Schedules_CheckTheirSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepSchedule(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0.1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0.1, 10, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupSchedule(0.1, 5, startFactor: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearWarmupSchedule(0.1, 5, endFactor: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineSchedule(0.1, 10).At(-1));
        Assert.Equal(0.1, new CosineSchedule(0.1, 10).At(0));
        Assert.Equal(0.0, new CosineSchedule(0.1, 10).At(10), 15);
    }
}
