using System;

namespace NetGen.Distributed;

/// <summary>
/// One rank's contiguous share of a batch of rows: the rows split as evenly as they go, the first
/// <c>rows % ranks</c> ranks taking one more, in rank order (rank 0 the first rows). A rank's share is empty when
/// the batch has fewer rows than there are ranks and its rank is past them.
/// </summary>
/// <param name="Start">The share's first row, counted from the batch's first row.</param>
/// <param name="Count">The number of rows in the share; 0 for an empty share.</param>
public readonly record struct BatchShare(int Start, int Count)
{
    /// <summary>The share of rank <paramref name="rank"/> of <paramref name="ranks"/> in a batch of <paramref name="rows"/> rows.</summary>
    /// <param name="rows">The rows of the whole batch; 0 or more.</param>
    /// <param name="rank">The rank, from 0 to <paramref name="ranks"/> - 1.</param>
    /// <param name="ranks">The number of ranks; at least 1.</param>
    public static BatchShare Of(int rows, int rank, int ranks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(ranks, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(rank);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, ranks);
        int each = rows / ranks, extra = rows % ranks;
        return new BatchShare(rank * each + Math.Min(rank, extra), each + (rank < extra ? 1 : 0));
    }
}
