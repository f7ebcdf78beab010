using System;
using NetGen.Initialization;

namespace NetGen.Tests.Initialization;

public sealed class DeterministicRandomTests
{
    [Fact]
    public void FirstOutputs_ForSeed42_AreFixed()
    {
        // Pinned so that any change of algorithm (which would change every seeded network) is seen.
        var random = new DeterministicRandom(42);
        for (int i = 0; i < FirstOutputs.Length; i++)
            Assert.Equal(FirstOutputs[i], random.NextUInt64());
    }

    [Fact]
    public void FirstGaussians_ForSeed7_AreFixed()
    {
        var random = new DeterministicRandom(7);
        for (int i = 0; i < FirstGaussians.Length; i++)
            Assert.Equal(FirstGaussians[i], random.NextGaussian());
    }

    [Fact]
    public void SameSeed_GivesSameSequence_DifferentSeed_Differs()
    {
        var a = new DeterministicRandom(123);
        var b = new DeterministicRandom(123);
        var c = new DeterministicRandom(124);
        bool anyDifferent = false;
        for (int i = 0; i < 1000; i++)
        {
            ulong x = a.NextUInt64();
            Assert.Equal(x, b.NextUInt64());
            anyDifferent |= x != c.NextUInt64();
        }

        Assert.True(anyDifferent);
    }

    [Fact]
    public void NextDouble_IsUniformOnUnitInterval()
    {
        var random = new DeterministicRandom(1);
        const int n = 1_000_000;
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double x = random.NextDouble();
            Assert.InRange(x, 0.0, 1.0 - 1e-17);
            sum += x;
            sumSquares += x * x;
        }

        double mean = sum / n, variance = sumSquares / n - mean * mean;
        // Standard error of the mean is sqrt(1/12/n) = 2.9e-4; allow five of them.
        Assert.InRange(mean, 0.5 - 1.5e-3, 0.5 + 1.5e-3);
        Assert.InRange(variance, 1.0 / 12 - 1.5e-3, 1.0 / 12 + 1.5e-3);
    }

    [Fact]
    public void NextGaussian_HasMeanZeroAndUnitVariance()
    {
        var random = new DeterministicRandom(2);
        const int n = 1_000_000;
        double sum = 0, sumSquares = 0, sumFourth = 0;
        for (int i = 0; i < n; i++)
        {
            double x = random.NextGaussian();
            sum += x;
            sumSquares += x * x;
            sumFourth += x * x * x * x;
        }

        double mean = sum / n, variance = sumSquares / n - mean * mean;
        // Standard errors: mean 1e-3, variance sqrt(2/n) = 1.4e-3, fourth moment sqrt(96/n) ~ 1e-2; five of each.
        Assert.InRange(mean, -5e-3, 5e-3);
        Assert.InRange(variance, 1 - 7e-3, 1 + 7e-3);
        Assert.InRange(sumFourth / n, 3 - 5e-2, 3 + 5e-2);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-10)]
    [InlineData(0.3)]
    [InlineData(0.7071)]
    [InlineData(1.0)]
    [InlineData(1.4143)]
    [InlineData(2.718281828459045)]
    [InlineData(1e10)]
    [InlineData(4.9e-324)]
    public void DeterministicLog_MatchesMathLog(double x)
    {
        double expected = Math.Log(x);
        double actual = DeterministicMath.Log(x);
        Assert.True(Math.Abs(actual - expected) <= 2e-15 * Math.Max(1, Math.Abs(expected)), $"log({x}) = {actual}, expected {expected}");
    }

    private static readonly ulong[] FirstOutputs =
    {
        0x15780B2E0C2EC716UL, 0x6104D9866D113A7EUL, 0xAE17533239E499A1UL, 0xECB8AD4703B360A1UL,
    };

    private static readonly double[] FirstGaussians =
    {
        0.9643618527255183, -1.0637531974798473, -0.3039301238656567, -1.0989693210013467,
    };
}
