using System;
using System.Linq;
using NetGen.Initialization;
using NetGen.Reference;
using NetGen.Specification;

namespace NetGen.Tests.Reference;

/// <summary>The finite-difference helper on functions with known derivatives, and its guarantees.</summary>
public sealed class FiniteDifferencesTests
{
    [Fact]
    public void Step_IsCubeRootOfEpsilonScaledByTheValue()
    {
        Assert.Equal(6.0554544523933395e-6, FiniteDifferences.RelativeStep, 1e-20);
        Assert.Equal(FiniteDifferences.RelativeStep, FiniteDifferences.Step(0));
        Assert.Equal(FiniteDifferences.RelativeStep, FiniteDifferences.Step(-0.5));
        Assert.Equal(100 * FiniteDifferences.RelativeStep, FiniteDifferences.Step(-100));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-3.7)]
    [InlineData(250.0)]
    public void Derivative_OfKnownFunctions_IsAccurate(double at)
    {
        double[] point = [at];
        double sin = FiniteDifferences.Derivative(point, 0, () => Math.Sin(point[0]));
        Assert.Equal(Math.Cos(at), sin, 1e-9 * Math.Max(1, Math.Abs(at)));

        double cube = FiniteDifferences.Derivative(point, 0, () => point[0] * point[0] * point[0]);
        Assert.Equal(3 * at * at, cube, 1e-9 * Math.Max(1, 3 * at * at));
        Assert.Equal(at, point[0]); // restored exactly
    }

    [Fact]
    public void Derivative_RestoresThePoint_WhenTheFunctionThrows()
    {
        double[] point = [0.1, 0.2];
        Assert.Throws<InvalidOperationException>(() => FiniteDifferences.Derivative(point, 1, () => throw new InvalidOperationException()));
        Assert.Equal([0.1, 0.2], point);
    }

    [Fact]
    public void Gradient_ChecksItsArguments()
    {
        double[] point = [1, 2];
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferences.Gradient(point, [2], () => 0, new double[1])).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => FiniteDifferences.Gradient(point, [0, 1], () => 0, new double[1])).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferences.Derivative(point, -1, () => 0)).ParamName);
    }

    [Fact]
    public void NetworkHelpers_EqualTheGeneralGradient_AndLeaveEverythingUnchanged()
    {
        var spec = new NetworkSpec(3, [new LayerDeclaration(4, Activation.Sigmoid), new LayerDeclaration(2)], Loss.SquaredError, Reduction.Mean, 2);
        var network = new ReferenceNetwork(spec);
        network.Initialize(3);
        var random = new DeterministicRandom(4);
        double[] x = Enumerable.Range(0, 6).Select(_ => random.NextGaussian()).ToArray();
        double[] t = Enumerable.Range(0, 4).Select(_ => random.NextGaussian()).ToArray();
        double[] parameters = network.Parameters.ToArray();
        int[] indices = [0, 5, 12, 15, 20, 25];

        double[] byHelper = FiniteDifferences.ParameterGradient(network, x, t, 2, indices);
        var general = new double[indices.Length];
        FiniteDifferences.Gradient(network.Parameters, indices, () => network.Loss(x, t, 2), general);
        Assert.Equal(general, byHelper);

        double[] inputs = FiniteDifferences.InputGradient(network, x, t, 2, [0, 1, 2, 3, 4, 5]);
        double[] xCopy = (double[])x.Clone();
        var inputsGeneral = new double[6];
        FiniteDifferences.Gradient(xCopy, [0, 1, 2, 3, 4, 5], () => network.Loss(xCopy, t, 2), inputsGeneral);
        Assert.Equal(inputsGeneral, inputs);

        Assert.Equal(parameters, network.Parameters.ToArray());
        var analytic = new double[6];
        network.InputGradient(x, t, 2, analytic);
        Assert.True(FiniteDifferences.RelativeError(analytic, inputs) < 1e-8);
    }

    [Fact]
    public void RelativeError_UsesTheFloorForTinyExpectations()
    {
        Assert.Equal(0.1, FiniteDifferences.RelativeError([3, 4.5], [3, 4]), 1e-15); // ||(0, 0.5)|| / ||(3, 4)||
        Assert.Equal(1e-10 / 1e-8, FiniteDifferences.RelativeError([1e-10], [0]), 1e-15);
        Assert.Throws<ArgumentException>(() => FiniteDifferences.RelativeError([1], [1, 2]));
    }
}
