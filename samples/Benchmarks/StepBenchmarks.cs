using BenchmarkDotNet.Attributes;

namespace NetGen.Benchmarks;

/// <summary>Per-call overhead: one SGD step of a tiny network, and inference of one and of 10,000 samples.</summary>
[MemoryDiagnoser]
public class StepBenchmarks
{
    private Workloads _workloads = null!;

    /// <summary>Loads the data once.</summary>
    [GlobalSetup]
    public void Setup() => _workloads = new Workloads(BenchmarkData.Mnist(null), BenchmarkData.Dense(count: 1));

    /// <summary>One fused SGD step of the 4-16-3 network, batch 1.</summary>
    [Benchmark]
    public float TinyStep() => _workloads.TinyStep();

    /// <summary>Logits of one image through 784-100-10.</summary>
    [Benchmark]
    public void InferOne() => _workloads.InferOne();

    /// <summary>Logits of 10,000 images through 784-100-10 in one call.</summary>
    [Benchmark]
    public void InferMany() => _workloads.InferMany();
}
