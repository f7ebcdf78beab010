using System;

namespace NetGen.Distributed;

/// <summary>
/// The cost model of a data-parallel step with a ring allreduce, as the README's "Training on several machines" section
/// uses it: each step every rank computes its share of the global batch, then the ring moves
/// <c>2 (P - 1) / P x 4 x ParameterCount</c> bytes per rank (reduce-scatter, then all-gather, of float32 gradients) in
/// <c>2 (P - 1)</c> messages, each paying the link's latency. Compute and communication do not overlap (the trainer
/// allreduces after <c>Backward</c>).
/// </summary>
/// <param name="FixedSeconds">Compute every rank pays per step whatever its share: the SGD update of all parameters and the per-step set-up.</param>
/// <param name="SecondsPerRow">Compute per row of the share (forward and backward).</param>
/// <param name="ParameterCount">The number of parameters, hence of gradients to allreduce.</param>
/// <param name="BitsPerSecond">The link's bandwidth, e.g. 10e9 for 10 Gbit/s.</param>
/// <param name="LatencySeconds">The time of one message on the link, whatever its size.</param>
public readonly record struct RingAllreduceModel(double FixedSeconds, double SecondsPerRow, long ParameterCount, double BitsPerSecond, double LatencySeconds)
{
    /// <summary>The bytes each rank sends (and receives) in one allreduce of the gradients over <paramref name="ranks"/> ranks.</summary>
    /// <param name="ranks">The number of ranks; at least 1.</param>
    public double BytesPerRank(int ranks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ranks, 1);
        return 2.0 * (ranks - 1) / ranks * sizeof(float) * ParameterCount;
    }

    /// <summary>The time of one allreduce: the bytes at the link's bandwidth plus <c>2 (P - 1)</c> latencies; 0 for one rank.</summary>
    /// <param name="ranks">The number of ranks; at least 1.</param>
    public double AllreduceSeconds(int ranks) => BytesPerRank(ranks) * 8 / BitsPerSecond + 2.0 * (ranks - 1) * LatencySeconds;

    /// <summary>The compute time of one step on the rank with the largest share of a global batch of <paramref name="batch"/> rows.</summary>
    /// <param name="ranks">The number of ranks; at least 1.</param>
    /// <param name="batch">The rows of the global batch; at least 1.</param>
    public double ComputeSeconds(int ranks, int batch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ranks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        return FixedSeconds + SecondsPerRow * ((batch + ranks - 1) / ranks);
    }

    /// <summary>The time of one step: compute of the largest share, then the allreduce.</summary>
    /// <param name="ranks">The number of ranks; at least 1.</param>
    /// <param name="batch">The rows of the global batch; at least 1.</param>
    public double StepSeconds(int ranks, int batch) => ComputeSeconds(ranks, batch) + AllreduceSeconds(ranks);

    /// <summary>How many times faster an epoch runs on <paramref name="ranks"/> machines than on one (same global batch, same steps).</summary>
    /// <param name="ranks">The number of ranks; at least 1.</param>
    /// <param name="batch">The rows of the global batch; at least 1.</param>
    public double Speedup(int ranks, int batch) => StepSeconds(1, batch) / StepSeconds(ranks, batch);

    /// <summary>The number of ranks, from 1 to <paramref name="maxRanks"/>, with the shortest step: past it adding machines slows training down.</summary>
    /// <param name="batch">The rows of the global batch; at least 1.</param>
    /// <param name="maxRanks">The largest number of ranks to consider.</param>
    public int FastestRanks(int batch, int maxRanks)
    {
        int best = 1;
        for (int ranks = 2; ranks <= maxRanks; ranks++)
            if (StepSeconds(ranks, batch) < StepSeconds(best, batch))
                best = ranks;
        return best;
    }
}
