using System;
using System.Diagnostics;
using NetGen.Data;

namespace NetGen.Benchmarks;

/// <summary>
/// The six workloads of the comparison, each timed once per call. The same instances serve BenchmarkDotNet and the
/// comparison script's <c>--serve</c> mode, so both measure the same code.
/// </summary>
internal sealed class Workloads
{
    public const float LearningRate = 0.2f;
    public const int Batch = 100;

    private readonly Mlp100 _mlp100 = new();
    private readonly Mlp400 _mlp400 = new();
    private readonly SoftmaxRegression _softmax = new();
    private readonly Tiny _tiny = new();
    private readonly Mlp100Inference _inference = new();
    private readonly float[] _tinyInput = { 0.1f, 0.7f, 0.3f, 0.9f };
    private readonly byte[] _tinyLabel = { 1 };
    private readonly float[] _logits = new float[10_000 * 10];

    public Workloads(ImageDataSet mnist, ImageDataSet dense, int threads = 1)
    {
        Mnist = mnist;
        DenseData = dense;
        Threads = threads;
        _mlp100.Initialize(1);
        _mlp400.Initialize(1);
        _softmax.Initialize(1);
        _tiny.Initialize(1);
        _inference.Initialize(1);
    }

    public ImageDataSet Mnist { get; }

    public ImageDataSet DenseData { get; }

    /// <summary>The threads an epoch trains on (TrainEpoch's degree of parallelism).</summary>
    public int Threads { get; }

    /// <summary>One epoch of the named network over 60,000 rows, batch 100, lr 0.2 (the course's nn_epoch), on <see cref="Threads"/> threads.</summary>
    public EpochResult Epoch(string network, ImageDataSet data) => Classifier(network).TrainEpoch(data.Images, data.Labels, data.Count, LearningRate, Batch, Threads);

    /// <summary>One SGD step of the 4-16-3 network on one row.</summary>
    public float TinyStep() => _tiny.TrainBatch(_tinyInput, _tinyLabel, 1, LearningRate);

    /// <summary>Logits of one MNIST image through 784-100-10.</summary>
    public void InferOne() => _inference.Forward(Mnist.Images.AsSpan(0, 784), _logits.AsSpan(0, 10), 1);

    /// <summary>Logits of the first 10,000 MNIST images through 784-100-10, in one call.</summary>
    public void InferMany() => _inference.Forward(Mnist.Images.AsSpan(0, 10_000 * 784), _logits, 10_000);

    /// <summary>Times one request of the comparison script's protocol and returns seconds (per unit for repeated work).</summary>
    public double Time(string[] request)
    {
        long start;
        switch (request[0])
        {
            case "epoch":
                ImageDataSet data = request[2] == "dense" ? DenseData : Mnist;
                start = Stopwatch.GetTimestamp();
                Epoch(request[1], data);
                return Stopwatch.GetElapsedTime(start).TotalSeconds;
            case "step":
                int steps = int.Parse(request[2], System.Globalization.CultureInfo.InvariantCulture);
                start = Stopwatch.GetTimestamp();
                for (int i = 0; i < steps; i++)
                    TinyStep();
                return Stopwatch.GetElapsedTime(start).TotalSeconds / steps;
            case "infer1":
                int calls = int.Parse(request[2], System.Globalization.CultureInfo.InvariantCulture);
                start = Stopwatch.GetTimestamp();
                for (int i = 0; i < calls; i++)
                    InferOne();
                return Stopwatch.GetElapsedTime(start).TotalSeconds / calls;
            case "infer":
                start = Stopwatch.GetTimestamp();
                InferMany();
                return Stopwatch.GetElapsedTime(start).TotalSeconds;
            default:
                throw new ArgumentException($"unknown request '{request[0]}'");
        }
    }

    private IClassifier Classifier(string name) => name switch
    {
        "784-100-10" => _mlp100,
        "784-400-10" => _mlp400,
        "784-10" => _softmax,
        _ => throw new ArgumentException($"unknown network '{name}'"),
    };
}
