using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using NetGen;
using NetGen.Data;
using NetGen.Samples.Sharpness;

// Sharpness: the largest eigenvalue of the loss's Hessian on a fixed batch of MNIST, by power iteration on
// Hessian-vector products, at initialization and after each epoch of SGD. Plain gradient descent with step lr is only
// stable along directions whose curvature is below 2 / lr; the sample prints both.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int epochs = 2, rows = 1000, iterations = 100, limit = int.MaxValue;
float learningRate = 0.2f;
ulong seed = 0;
string? data = null;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--epochs": epochs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--rows": rows = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--iterations": iterations = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--limit": limit = int.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--lr": learningRate = float.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--seed": seed = ulong.Parse(Value(), CultureInfo.InvariantCulture); break;
        case "--data": data = Value(); break;
        case "-h" or "--help":
            Console.WriteLine("Usage: dotnet run --project samples/Sharpness -c Release -- [--epochs 2] [--lr 0.2] [--rows 1000] [--iterations 100] [--seed 0] [--limit N] [--data DIR]");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'; see --help.");
            return 2;
    }
}

if (rows < 1 || rows > SharpnessNetwork.MaxBatch)
{
    Console.Error.WriteLine($"--rows must be from 1 to {SharpnessNetwork.MaxBatch}.");
    return 2;
}

string folder = data ?? Environment.GetEnvironmentVariable("MNIST_DIR") ?? FindData();
ImageDataSet train = ImageDataSet.LoadTrain(folder);
if (limit < train.Count)
    train = train.Take(limit);
rows = Math.Min(rows, train.Count);

// The fixed batch: the first rows of the training set.
float[] batchInputs = train.Images.AsSpan(0, rows * train.ImageSize).ToArray();
byte[] batchLabels = train.Labels.AsSpan(0, rows).ToArray();

var network = new SharpnessNetwork();
network.Initialize(seed);
var power = new PowerIteration(network, batchInputs, batchLabels, rows);

// One HVP against one Backward on the same batch: the course's claim that H v costs about as much as the gradient.
// (One call of each first: the JIT, and the HVP's buffers, which its first call allocates.)
network.Backward(batchInputs, batchLabels, rows);
network.HessianVectorProduct(batchInputs, batchLabels, rows, new float[SharpnessNetwork.ParameterCount], new float[SharpnessNetwork.ParameterCount]);
long t = Stopwatch.GetTimestamp();
for (int i = 0; i < 5; i++)
    network.Backward(batchInputs, batchLabels, rows);
double backwardMs = Stopwatch.GetElapsedTime(t).TotalMilliseconds / 5;

Console.WriteLine($"NetGen sharpness: {SharpnessNetwork.Spec}");
Console.WriteLine($"Hessian of the mean loss on the first {rows} training images ({folder}); power iteration, at most {iterations} products, from seed {seed}; SGD lr {learningRate}, batch 100");
Console.WriteLine();
Console.WriteLine("| After epoch | Batch loss | lambda_max(H) | 2 / lr | Iterations | Residual | ms per H v | ms per Backward |");
Console.WriteLine("|-------------|------------|---------------|--------|------------|----------|------------|-----------------|");
for (int epoch = 0; epoch <= epochs; epoch++)
{
    if (epoch > 0)
        network.TrainEpoch(train.Images, train.Labels, train.Count, learningRate, 100);
    PowerIteration.Result result = power.Run(seed + 1, iterations, 1e-4);
    string label = epoch == 0 ? "init" : epoch.ToString(CultureInfo.InvariantCulture);
    Console.WriteLine($"| {label,11} | {result.Loss,10:F5} | {result.Eigenvalue,13:F4} | {2 / learningRate,6:F2} | {result.Iterations,10} | {result.Residual,8:0.0e+00} | {result.MillisecondsPerProduct,10:F1} | {backwardMs,15:F1} |");
}

return 0;

static string FindData()
{
    for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (!File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
            continue;
        foreach (string candidate in new[] { Path.Combine(dir.FullName, "data", "mnist"), Path.Combine(dir.FullName, "..", "shared", "mnist") })
        {
            if (File.Exists(Path.Combine(candidate, "train-labels-idx1-ubyte.gz")) || File.Exists(Path.Combine(candidate, "train-labels-idx1-ubyte")))
                return candidate;
        }
    }

    throw new DirectoryNotFoundException("MNIST not found: pass --data DIR (or set MNIST_DIR), or run data/fetch-mnist.sh.");
}
