using System;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>A multi-threaded epoch allocates nothing after the first call that starts its workers, on any thread.</summary>
[Collection(ProcessWideAllocationCollection.Name)]
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

        // Every thread's allocations count, the workers' as well as the caller's; the test runner's own threads may
        // allocate meanwhile, so up to three tries: an allocation in the epoch would show in every one of them.
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < 3 && fewest > 0; attempt++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 10; i++)
                network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 1e-6f, 100, 2);
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            output.WriteLine($"TrainEpoch on 2 threads: {allocated} bytes over 10 epochs");
            fewest = Math.Min(fewest, allocated);
        }

        Assert.Equal(0, fewest);
    }
}
