using System;
using BenchmarkDotNet.Attributes;
using NetGen.Data;

namespace NetGen.Benchmarks;

/// <summary>
/// What one rank of a data-parallel job computes per step: <c>Backward</c> over its share of a global batch of MNIST rows,
/// then <c>ApplySgd</c> of the whole parameter vector (the allreduce is not included). The README's cost model of
/// distributed training takes its compute times from here: a part that shrinks with the share and a part (the update, the
/// per-step set-up) that every rank pays whole.
/// </summary>
[MemoryDiagnoser]
public class ShareStepBenchmarks
{
    private ImageDataSet _data = null!;
    private Mlp100 _mlp100 = null!;
    private Mlp400 _mlp400 = null!;

    /// <summary>The rows of the share: the whole batch of 100 on one rank, down to a share of 100 / 10.</summary>
    [Params(100, 50, 25, 10)]
    public int Rows { get; set; }

    /// <summary>Loads MNIST and initializes both networks.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _data = BenchmarkData.Mnist(null);
        _mlp100 = new Mlp100();
        _mlp100.Initialize(1);
        _mlp400 = new Mlp400();
        _mlp400.Initialize(1);
    }

    /// <summary>Backward over the share and the SGD update, 784-100-10.</summary>
    [Benchmark]
    public float Mlp100Share() => Step(_mlp100);

    /// <summary>Backward over the share and the SGD update, 784-400-10.</summary>
    [Benchmark]
    public float Mlp400Share() => Step(_mlp400);

    private float Step(INetwork<byte> network)
    {
        float loss = network.Backward(_data.Images.AsSpan(0, Rows * _data.ImageSize), _data.Labels.AsSpan(0, Rows), Rows);
        network.ApplySgd(1e-4f); // tiny, so that thousands of iterations do not drift the network far
        return loss;
    }
}
