using System;
using System.IO;
using NetGen.Data;

namespace NetGen.Tests.Data;

/// <summary>
/// Reads the real MNIST files of <c>../shared/mnist/</c> beside the repository root. CI always has them, so their
/// absence is a failure, not a skip.
/// </summary>
public sealed class SharedMnistTests
{
    [Fact]
    public void T10k_Has10000ImagesOf28x28_WithTheKnownLabelsAndPixelMean()
    {
        string folder = RequireSharedMnist("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

        ImageDataSet test = ImageDataSet.LoadTest(folder);

        Assert.Equal(10000, test.Count);
        Assert.Equal(28, test.Rows);
        Assert.Equal(28, test.Columns);
        Assert.Equal(10000 * 784, test.Images.Length);
        Assert.Equal([7, 2, 1, 0, 4, 1, 4, 9, 5, 9], test.Labels.AsSpan(0, 10).ToArray());

        // Measured with Python's gzip module on t10k-images-idx3-ubyte.gz: the 7,840,000 pixel bytes sum to
        // 264,923,200, so the mean of byte / 255 is 264923200 / (7840000 * 255) = 0.1325146058.
        long byteSum = 0;
        double sum = 0;
        foreach (float pixel in test.Images)
        {
            Assert.InRange(pixel, 0f, 1f);
            byteSum += (long)MathF.Round(pixel * 255f);
            sum += pixel;
        }

        Assert.Equal(264_923_200L, byteSum);
        Assert.Equal(0.1325146, sum / test.Images.Length, 1e-4);
    }

    [Fact]
    public void TrainLabels_Are60000_StartingWithTheKnownTen()
    {
        string folder = RequireSharedMnist("train-labels-idx1-ubyte.gz");

        byte[] labels = IdxReader.ReadLabels(Path.Combine(folder, "train-labels-idx1-ubyte.gz"));

        Assert.Equal(60000, labels.Length);
        Assert.Equal([5, 0, 4, 1, 9, 2, 1, 3, 1, 4], labels.AsSpan(0, 10).ToArray());
    }

    private static string RequireSharedMnist(params string[] names)
    {
        string folder = RepositoryPaths.SharedMnist;
        foreach (string name in names)
        {
            if (!File.Exists(Path.Combine(folder, name)))
                Assert.Fail($"The shared MNIST copy is missing: looked for {name} in {folder} (<repository root>/../shared/mnist, repository root {RepositoryPaths.Root}). CI keeps it there; locally, put a verified copy there (data/fetch-mnist.sh <that folder> makes one) or see data/README.md.");
        }

        return folder;
    }
}
