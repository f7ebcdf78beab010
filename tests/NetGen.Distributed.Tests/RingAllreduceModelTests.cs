using System;

namespace NetGen.Distributed.Tests;

public sealed class RingAllreduceModelTests
{
    private static readonly RingAllreduceModel Hw0On10Gbit = new(FixedSeconds: 1e-4, SecondsPerRow: 1e-5, ParameterCount: 79_400, BitsPerSecond: 10e9, LatencySeconds: 25e-6);

    [Fact]
    public void BytesPerRank_Are2TimesPMinus1OverPTimes4TimesTheParameters()
    {
        Assert.Equal(0, Hw0On10Gbit.BytesPerRank(1));
        Assert.Equal(317_600, Hw0On10Gbit.BytesPerRank(2), 6);
        Assert.Equal(2.0 * 63 / 64 * 4 * 79_400, Hw0On10Gbit.BytesPerRank(64), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => Hw0On10Gbit.BytesPerRank(0));
    }

    [Fact]
    public void Allreduce_IsTheBytesAtTheBandwidth_PlusTwoLatenciesPerExtraRank()
    {
        Assert.Equal(0, Hw0On10Gbit.AllreduceSeconds(1));
        Assert.Equal(317_600 * 8 / 10e9 + 2 * 25e-6, Hw0On10Gbit.AllreduceSeconds(2), 12);
        Assert.Equal(2.0 * 7 / 8 * 4 * 79_400 * 8 / 10e9 + 14 * 25e-6, Hw0On10Gbit.AllreduceSeconds(8), 12);
    }

    [Fact]
    public void Compute_IsTheFixedPartPlusTheLargestShare()
    {
        Assert.Equal(1e-4 + 100 * 1e-5, Hw0On10Gbit.ComputeSeconds(1, 100), 12);
        Assert.Equal(1e-4 + 34 * 1e-5, Hw0On10Gbit.ComputeSeconds(3, 100), 12);
        Assert.Equal(1e-4 + 1 * 1e-5, Hw0On10Gbit.ComputeSeconds(64, 10), 12);
        Assert.Equal(Hw0On10Gbit.ComputeSeconds(3, 100) + Hw0On10Gbit.AllreduceSeconds(3), Hw0On10Gbit.StepSeconds(3, 100), 12);
        Assert.Equal(1, Hw0On10Gbit.Speedup(1, 100), 12);
    }

    [Fact]
    public void FastestRanks_WithAFreeNetwork_IsTheFirstCountThatGivesTheSmallestShare()
    {
        var free = Hw0On10Gbit with { BitsPerSecond = double.PositiveInfinity, LatencySeconds = 0 };
        Assert.Equal(50, free.FastestRanks(100, 64));   // shares of 2 rows from 50 ranks on; 64 cannot reach 1
        Assert.Equal(10, free.FastestRanks(10, 64));
    }

    [Fact]
    public void FastestRanks_WhenOneBatchComputesFasterThanTheGradientsCross_IsOne()
    {
        // 100 rows take 1.1 ms; the 635 kB of two ranks' allreduce take 0.5 ms + latency; with a 1 Gbit/s link, 5 ms.
        var slow = Hw0On10Gbit with { BitsPerSecond = 1e9 };
        Assert.Equal(1, slow.FastestRanks(100, 64));
    }
}
