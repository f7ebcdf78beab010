using System;
using System.Linq;

namespace NetGen.Distributed.Tests;

public sealed class EpochOrderTests
{
    [Fact]
    public void Shuffle_IsAPermutation_TheSameForTheSameSeed_AndAnotherForAnotherSeed()
    {
        var first = new int[1001];
        var again = new int[1001];
        var other = new int[1001];
        EpochOrder.Shuffle(first, 100);
        EpochOrder.Shuffle(again, 100);
        EpochOrder.Shuffle(other, 101);

        Assert.Equal(Enumerable.Range(0, 1001), first.Order());
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(Enumerable.Range(0, 1001), first); // it does move rows
    }

    [Fact]
    public void Shuffle_DrawsEveryOrderOfThreeRows()
    {
        // 600 seeds: each of the 6 orders of 3 rows about 100 times (a biased or stuck shuffle would miss some).
        var counts = new int[6];
        var order = new int[3];
        for (ulong seed = 0; seed < 600; seed++)
        {
            EpochOrder.Shuffle(order, seed);
            counts[(order[0] * 3 + order[1]) switch { 1 => 0, 2 => 1, 3 => 2, 5 => 3, 6 => 4, 7 => 5, int other => throw new InvalidOperationException($"not a permutation: {other}") }]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 60, 140));
    }

    [Fact]
    public void Shuffle_OfNoRowsOrOne_IsTheIdentity()
    {
        EpochOrder.Shuffle(Span<int>.Empty, 1);
        var one = new int[1] { 7 };
        EpochOrder.Shuffle(one, 1);
        Assert.Equal(0, one[0]);
    }
}
