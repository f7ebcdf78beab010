using System;
using System.IO;
using NetGen.Data;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>The first 1,000 MNIST test images, and inputs of any width cut from them.</summary>
internal static class MnistRows
{
    public const int Count = 1000;

    private static readonly Lazy<float[]> Images = new(Load);

    /// <summary>
    /// <see cref="Count"/> rows of <paramref name="width"/> inputs: the whole image for 784, otherwise the
    /// <paramref name="width"/> pixels centred on the image's middle (a row of ink for the narrow networks, not the blank border).
    /// </summary>
    public static float[] Inputs(int width)
    {
        const int imageSize = 784;
        Assert.InRange(width, 1, imageSize);
        int start = (imageSize - width) / 2;
        var inputs = new float[Count * width];
        for (int row = 0; row < Count; row++)
            Images.Value.AsSpan(row * imageSize + start, width).CopyTo(inputs.AsSpan(row * width, width));
        return inputs;
    }

    private static float[] Load()
    {
        string folder = RepositoryPaths.SharedMnist;
        foreach (string name in new[] { "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz" })
        {
            if (!File.Exists(Path.Combine(folder, name)))
                Assert.Fail($"The shared MNIST copy is missing: looked for {name} in {folder} (<repository root>/../shared/mnist). CI keeps it there; see data/README.md.");
        }

        return ImageDataSet.LoadTest(folder).Take(Count).Images;
    }
}
