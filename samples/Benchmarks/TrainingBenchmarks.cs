using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>An epoch of each course network over 60,000 rows (batch 100, lr 0.2), on MNIST and on dense data, on 1 and 2 threads.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class TrainingBenchmarks
{
    private Workloads _workloads = null!;

    /// <summary>MNIST (81% zero pixels) or dense uniform data.</summary>
    [Params("mnist", "dense")]
    public string Data { get; set; } = "mnist";

    /// <summary>The threads an epoch trains on: TrainEpoch's degree of parallelism.</summary>
    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    /// <summary>Loads the data once.</summary>
    [GlobalSetup]
    public void Setup() => _workloads = new Workloads(BenchmarkData.Mnist(null), BenchmarkData.Dense(), Threads);

    /// <summary>784-100-10 epoch.</summary>
    [Benchmark]
    public EpochResult Mlp100Epoch() => _workloads.Epoch("784-100-10", Data == "dense" ? _workloads.DenseData : _workloads.Mnist);

    /// <summary>784-400-10 epoch.</summary>
    [Benchmark]
    public EpochResult Mlp400Epoch() => _workloads.Epoch("784-400-10", Data == "dense" ? _workloads.DenseData : _workloads.Mnist);

    /// <summary>Softmax regression epoch.</summary>
    [Benchmark]
    public EpochResult SoftmaxEpoch() => _workloads.Epoch("784-10", Data == "dense" ? _workloads.DenseData : _workloads.Mnist);
}
