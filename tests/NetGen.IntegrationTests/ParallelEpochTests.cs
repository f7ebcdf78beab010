using System;
using NetGen.IntegrationTests.Networks;
using NetGen.Kernels;
using NetGen.IntegrationTests.Verification;
using NetGen.Specification;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// TrainEpoch on several threads: the parameters and the mean loss are bit-identical to the single-threaded epoch (each
/// weight's gradient is summed in row order by one thread) in epochs of which worker threads computed a part, and a
/// degree of parallelism below 1 is rejected before anything is written.
/// </summary>
public sealed class ParallelEpochTests(ITestOutputHelper output)
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (string name in NetworkBank.Names)
            data.Add(name);
        data.Add(nameof(MnistMlp400));
        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainEpoch_OnTwoAndThreeThreads_IsBitIdenticalToOneThread(string name)
    {
        INetwork single = Create(name);
        NetworkSpec spec = single.Spec;
        int batchSize = Math.Max(1, spec.MaxBatch - 1);
        int count = 3 * batchSize + (batchSize / 2 | 1); // full batches and a partial one, odd sizes included
        Batch data = Batch.Draw(spec, count, new Random(name.Length + 5));
        single.Initialize(3);
        EpochResult expected = TrainEpoch(single, data, batchSize, degreeOfParallelism: 1);
        float[] expectedParameters = single.Parameters.ToArray();

        foreach (int threads in new[] { 2, 3 })
        {
            INetwork parallel = Create(name);
            parallel.Initialize(3);
            long workerUnits = WorkerTeam.UnitsRunByWorkerThreads; // this thread's runs only: other tests do not count
            int epochs = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();

            // At least twice on the same network from the same start (the team is created once and reused, with the same
            // results), and until a worker thread has computed part of an epoch: a worker the machine has not scheduled
            // yet leaves its share to the caller, and identical results would then prove nothing about the sharing.
            while (epochs < 2 || (WorkerTeam.UnitsRunByWorkerThreads == workerUnits && clock.Elapsed < TimeSpan.FromSeconds(20)))
            {
                parallel.Initialize(3);
                EpochResult result = TrainEpoch(parallel, data, batchSize, threads);
                Assert.Equal(expected, result);
                int difference = FirstDifference(parallel.Parameters, expectedParameters);
                Assert.True(difference < 0, $"{name}: parameter {difference} after an epoch on {threads} threads differs from one thread's.");
                epochs++;
            }

            long shared = WorkerTeam.UnitsRunByWorkerThreads - workerUnits;
            output.WriteLine($"{name}: {threads} threads: mean loss {expected.MeanLoss:R} over {expected.Batches} batches, parameters bit-identical to 1 thread in {epochs} epochs, of which worker threads ran {shared} units");
            Assert.True(shared > 0, $"{name}: no worker thread ran any unit of {epochs} epochs on {threads} threads in {clock.Elapsed.TotalSeconds:F0} s.");
        }
    }

    [Fact]
    public void TrainEpoch_WithDegreeOfParallelismBelowOne_ThrowsAndWritesNothing()
    {
        var network = new MnistMlp();
        network.Initialize(1);
        float[] before = network.Parameters.ToArray();
        Batch data = Batch.Draw(MnistMlp.Spec, 10, new Random(3));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.1f, 5, 0));
        Assert.Equal("degreeOfParallelism", error.ParamName);
        Assert.True(FirstDifference(network.Parameters, before) < 0);
    }

    private static INetwork Create(string name) => name == nameof(MnistMlp400) ? new MnistMlp400() : NetworkBank.Create(name);

    private static EpochResult TrainEpoch(INetwork network, Batch data, int batchSize, int degreeOfParallelism) => network.Spec.IsClassifier
        ? ((INetwork<int>)network).TrainEpoch(data.Inputs, data.Labels, data.Rows, 0.05f, batchSize, degreeOfParallelism)
        : ((INetwork<float>)network).TrainEpoch(data.Inputs, data.Targets, data.Rows, 0.05f, batchSize, degreeOfParallelism);

    private static int FirstDifference(Span<float> actual, float[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
                return i;
        }

        return -1;
    }
}
