using System;
using NetGen.Initialization;
using NetGen.Specification;

namespace NetGen.Tests.Initialization;

/// <summary>
/// Every initializer's weights, over 120,000 draws of one 400 x 300 layer (and a second layer with other fans), have
/// the mean and standard deviation the README gives, computed here from the fans alone: XavierNormal
/// <c>sqrt(2 / (fan_in + fan_out))</c>, XavierUniform <c>U(-a, a)</c> with <c>a = sqrt(6 / (fan_in + fan_out))</c>
/// (standard deviation <c>a / sqrt(3)</c>), HeNormal <c>sqrt(2 / fan_in)</c>, ScaledNormal <c>1 / sqrt(fan_out)</c>,
/// Zeros 0. The normal ones are normal (68.3% within one standard deviation, 95.4% within two), the uniform one
/// uniform (half within <c>a / 2</c>, none beyond <c>a</c>).
/// </summary>
public sealed class InitializerScaleTests
{
    private const int FanIn = 400, Units = 300, NextUnits = 50;

    public static TheoryData<Init> Random => new() { Init.XavierNormal, Init.XavierUniform, Init.HeNormal, Init.ScaledNormal };

    [Theory]
    [MemberData(nameof(Random))]
    public void Weights_HaveTheReadmesMeanAndStandardDeviation(Init init)
    {
        var spec = new NetworkSpec(FanIn, [new LayerDeclaration(Units, Activation.ReLU, Bias: false, init), new LayerDeclaration(NextUnits, Bias: false, WeightInit: init)], Loss.SquaredError);
        var parameters = new float[spec.ParameterCount];
        ParameterInitializer.Initialize(spec, parameters, seed: 20261208);

        foreach (LayerSpec layer in spec.Layers)
        {
            ReadOnlySpan<float> weights = parameters.AsSpan(layer.WeightOffset, layer.WeightCount);
            AssertScale(weights, init, Expected(init, layer.Inputs, layer.Units), $"{init}, layer {layer.Index + 1} ({layer.Inputs} x {layer.Units})");
        }
    }

    [Theory]
    [MemberData(nameof(Random))]
    public void ABias_UsesTheLayersFans_AsTheReadmeSays(Init init)
    {
        // A bias of 20,000 units from 30 inputs: the formulas with fan_in 30 and fan_out 20,000.
        var spec = new NetworkSpec(30, [new LayerDeclaration(20_000, Activation.Identity, Bias: true, Init.Zeros, init)], Loss.SquaredError);
        var parameters = new float[spec.ParameterCount];
        ParameterInitializer.Initialize(spec, parameters, seed: 7);
        LayerSpec layer = spec.Layers[0];

        Assert.All(parameters.AsSpan(layer.WeightOffset, layer.WeightCount).ToArray(), w => Assert.Equal(0f, w));
        AssertScale(parameters.AsSpan(layer.BiasOffset, layer.Units), init, Expected(init, 30, 20_000), $"{init} bias");
    }

    [Fact]
    public void Zeros_AreZero()
    {
        var spec = new NetworkSpec(FanIn, [new LayerDeclaration(Units, Activation.ReLU, Bias: true, Init.Zeros, Init.Zeros)], Loss.SquaredError);
        var parameters = new float[spec.ParameterCount];
        parameters.AsSpan().Fill(1f);
        ParameterInitializer.Initialize(spec, parameters, seed: 1);
        Assert.All(parameters, p => Assert.Equal(0f, p));
    }

    /// <summary>The README's standard deviation for <paramref name="init"/> with the given fans.</summary>
    private static double Expected(Init init, double fanIn, double fanOut) => init switch
    {
        Init.XavierNormal => Math.Sqrt(2 / (fanIn + fanOut)),
        Init.XavierUniform => Math.Sqrt(6 / (fanIn + fanOut)) / Math.Sqrt(3), // the deviation of U(-a, a)
        Init.HeNormal => Math.Sqrt(2 / fanIn),
        Init.ScaledNormal => 1 / Math.Sqrt(fanOut),
        _ => throw new ArgumentOutOfRangeException(nameof(init)),
    };

    /// <summary>
    /// Mean within 5 standard errors of 0, deviation within 1.5% (5 standard errors at 20,000 draws) of the formula's,
    /// and the shape of the distribution by the fractions inside one and two deviations (or a / 2 and a).
    /// </summary>
    private static void AssertScale(ReadOnlySpan<float> values, Init init, double std, string what)
    {
        int n = values.Length;
        double sum = 0, squares = 0;
        int withinOne = 0, withinTwo = 0;
        double a = std * Math.Sqrt(3); // for the uniform: the half-width
        double inner = init == Init.XavierUniform ? a / 2 : std, outer = init == Init.XavierUniform ? a : 2 * std;
        foreach (float value in values)
        {
            sum += value;
            squares += (double)value * value;
            withinOne += Math.Abs(value) <= inner ? 1 : 0;
            withinTwo += Math.Abs(value) <= outer ? 1 : 0;
        }

        double mean = sum / n;
        double deviation = Math.Sqrt(squares / n - mean * mean);
        double standardError = std / Math.Sqrt(n);
        Assert.True(Math.Abs(mean) < 5 * standardError, $"{what}: mean {mean:G4}, expected 0 within {5 * standardError:G3}");
        double relative = deviation / std - 1;
        Assert.True(Math.Abs(relative) < 5 / Math.Sqrt(2.0 * n) + 1e-3, $"{what}: standard deviation {deviation:G6}, the README's formula gives {std:G6} ({relative:P2} off)");

        (double one, double two) = init == Init.XavierUniform ? (0.5, 1.0) : (0.682689, 0.954500);
        double p1 = (double)withinOne / n, p2 = (double)withinTwo / n;
        Assert.True(Math.Abs(p1 - one) < 5 * Math.Sqrt(one * (1 - one) / n), $"{what}: {p1:P2} within {inner:G4}, expected {one:P2}");
        Assert.True(Math.Abs(p2 - two) < 5 * Math.Sqrt(two * (1 - two) / n) + 1e-12, $"{what}: {p2:P2} within {outer:G4}, expected {two:P2}");
    }
}
