using System;
using System.IO;
using NetGen.Data;
using NetGen.Initialization;

namespace NetGen.Benchmarks;

/// <summary>The data the benchmarks train on: MNIST's training split, and dense random data of the same shape.</summary>
internal static class BenchmarkData
{
    /// <summary>MNIST's 60,000 training images from <paramref name="folder"/>, or the repository's data/mnist or ../shared/mnist.</summary>
    public static ImageDataSet Mnist(string? folder)
    {
        foreach (string candidate in Candidates(folder))
            if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz")) || File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte")))
                return ImageDataSet.LoadTrain(candidate);
        throw new FileNotFoundException("MNIST not found: pass --data DIR, or run data/fetch-mnist.sh first.");
    }

    /// <summary>60,000 rows of uniform [0, 1) pixels and uniform labels: no zeros to skip.</summary>
    public static ImageDataSet Dense(int count = 60_000)
    {
        var random = new DeterministicRandom(7);
        float[] images = new float[count * 784];
        byte[] labels = new byte[count];
        for (int i = 0; i < images.Length; i++)
            images[i] = (float)random.NextDouble();
        for (int i = 0; i < count; i++)
            labels[i] = (byte)(random.NextUInt64() % 10);
        return new ImageDataSet(images, labels, 28, 28);
    }

    private static string[] Candidates(string? folder)
    {
        string? root = null;
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null && root is null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
                root = dir.FullName;
        return folder is not null
            ? new[] { folder }
            : root is null ? Array.Empty<string>() : new[] { Path.Combine(root, "data", "mnist"), Path.Combine(root, "..", "shared", "mnist") };
    }
}
