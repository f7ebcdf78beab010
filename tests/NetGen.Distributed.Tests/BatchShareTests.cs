using System;

namespace NetGen.Distributed.Tests;

public sealed class BatchShareTests
{
    [Fact]
    public void Shares_CoverEveryRowOnce_InRankOrder_AndDifferByAtMostOneRow()
    {
        for (int ranks = 1; ranks <= 9; ranks++)
        {
            for (int rows = 0; rows <= 40; rows++)
            {
                int next = 0;
                for (int rank = 0; rank < ranks; rank++)
                {
                    BatchShare share = BatchShare.Of(rows, rank, ranks);
                    Assert.Equal(next, share.Start);
                    Assert.InRange(share.Count, rows / ranks, (rows + ranks - 1) / ranks);
                    next += share.Count;
                }

                Assert.Equal(rows, next);
            }
        }
    }

    [Fact]
    public void BatchWithFewerRowsThanRanks_LeavesTheLastRanksEmpty()
    {
        Assert.Equal(new BatchShare(0, 1), BatchShare.Of(1, 0, 3));
        Assert.Equal(new BatchShare(1, 0), BatchShare.Of(1, 1, 3));
        Assert.Equal(new BatchShare(1, 0), BatchShare.Of(1, 2, 3));
        Assert.Equal(new BatchShare(34, 33), BatchShare.Of(100, 1, 3));
    }

    [Fact]
    public void RankOutsideTheJob_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchShare.Of(10, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchShare.Of(10, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchShare.Of(10, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchShare.Of(-1, 0, 1));
    }
}
