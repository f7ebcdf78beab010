using System;
using System.Reflection;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using NetGen.Kernels;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// A multi-threaded epoch allocates nothing after the first call that starts its workers: neither on the calling
/// thread nor on any worker (each thread's own count, so that the runtime's and the test runner's threads do not count).
/// </summary>
public sealed class ParallelEpochAllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void TrainEpoch_OnTwoThreads_AllocatesNothingAfterTheFirstCall()
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 450, new Random(2));
        for (int i = 0; i < 5; i++)
            network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 1e-6f, 100, 2);
        // The team lives in the generated machinery, the network's private NetGenCore.
        object core = typeof(MnistMlp).GetField("_netGen", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(network)!;
        var team = (WorkerTeam)core.GetType().GetField("_team", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(core)!;

        // Rounds of 10 epochs until one allocates nothing, as AllocationTests does: a one-time allocation (the tiered
        // JIT promoting a method, a thread's first wait on the gate) shows in one round; a per-epoch allocation shows
        // in every round, and the last round is asserted.
        var rounds = new System.Collections.Generic.List<(long Caller, long Workers)>();
        for (int round = 0; round < 5 && (rounds.Count == 0 || rounds[^1] != (0, 0)); round++)
        {
            long caller = GC.GetAllocatedBytesForCurrentThread(), workers = team.WorkerAllocatedBytes;
            for (int i = 0; i < 10; i++)
                network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 1e-6f, 100, 2);
            rounds.Add((GC.GetAllocatedBytesForCurrentThread() - caller, team.WorkerAllocatedBytes - workers));
        }

        output.WriteLine("TrainEpoch on 2 threads, rounds of 10 epochs (calling thread, worker): " + string.Join(", ", rounds) + " bytes");
        Assert.Equal(0, rounds[^1].Caller);
        Assert.Equal(0, rounds[^1].Workers);
    }
}
