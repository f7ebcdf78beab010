using System;
using System.Diagnostics;
using System.Threading;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// A network owns one team of worker threads, whatever degrees of parallelism its calls ask for: changing the degree
/// resizes the team in place and ends the surplus threads, and a degree above the documented limit is refused before
/// any thread starts.
/// </summary>
[Collection(nameof(WorkerThreadsCollection))]
public sealed class WorkerTeamOwnershipTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoThousandEpochsAlternatingTwoAndThreeThreads_KeepAtMostTwoWorkerThreads()
    {
        var network = new AffineReluAffine();
        network.Initialize(1);
        Batch data = Batch.Draw(AffineReluAffine.Spec, 20, new Random(4));
        int before = WorkerThreads.Count();
        int most = 0;
        for (int epoch = 0; epoch < 2000; epoch++)
        {
            network.TrainEpoch(data.Inputs, data.Targets, data.Rows, 1e-3f, 8, epoch % 2 == 0 ? 2 : 3);
            if (epoch % 100 == 99)
                most = Math.Max(most, WorkerThreads.Count() - before);
        }

        output.WriteLine($"worker threads beyond the {before} before: at most {most} over 2,000 epochs alternating 2 and 3 threads");
        // The team of 3 runs 2 threads beside the caller (2 threads run 1); a surplus thread told to end may still be on
        // its way out of the process when its slot's next thread starts, so 3 can show for a moment. One team per call
        // would show hundreds.
        Assert.InRange(most, 0, 3);
        GC.KeepAlive(network);
    }

    [Fact]
    public void ADegreeOfParallelismAboveTheLimit_IsRefused_BeforeAnyThreadStarts()
    {
        var network = new AffineReluAffine();
        network.Initialize(1);
        float[] parameters = network.Parameters.ToArray();
        Batch data = Batch.Draw(AffineReluAffine.Spec, 20, new Random(4));
        int before = WorkerThreads.Count();

        foreach (int degree in new[] { int.MaxValue, 257 })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainEpoch(data.Inputs, data.Targets, data.Rows, 1e-3f, 8, degree));
            Assert.Equal("degreeOfParallelism", error.ParamName);
            Assert.Contains("256", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, WorkerThreads.Count());
        Assert.Equal(parameters, network.Parameters.ToArray());
    }

    [Fact]
    public void ANetworkNoLongerUsed_EndsItsWorkerThreads()
    {
        CollectUntilNoWorkerThreads(); // those of earlier tests' networks, no longer referenced
        Assert.Equal(0, WorkerThreads.Count());
        TrainOnThreeThreadsAndDrop();
        Assert.InRange(WorkerThreads.Count(), 1, 2);

        CollectUntilNoWorkerThreads();

        Assert.Equal(0, WorkerThreads.Count());
    }

    private static void CollectUntilNoWorkerThreads()
    {
        var clock = Stopwatch.StartNew();
        while (WorkerThreads.Count() > 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Thread.Sleep(20);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void TrainOnThreeThreadsAndDrop()
    {
        var network = new AffineReluAffine();
        network.Initialize(1);
        Batch data = Batch.Draw(AffineReluAffine.Spec, 20, new Random(4));
        network.TrainEpoch(data.Inputs, data.Targets, data.Rows, 1e-3f, 8, 3);
    }
}
