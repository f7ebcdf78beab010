using System;
using System.IO;
using NetGen.Data;

namespace NetGen.Tests.Data;

public sealed class ImageDataSetTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData(".gz", ".gz")]
    [InlineData("", ".gz")]
    [InlineData(".gz", "")]
    public void Load_FindsPlainAndGzNames(string imagesSuffix, string labelsSuffix)
    {
        using var dir = new TempDirectory();
        byte[] pixels = IdxBytes.Pattern(3 * 5 * 7);
        IdxWriter.WriteImages(dir.File("train-images-idx3-ubyte" + imagesSuffix), pixels, 3, 5, 7);
        IdxWriter.WriteLabels(dir.File("train-labels-idx1-ubyte" + labelsSuffix), [2, 0, 1]);

        ImageDataSet train = ImageDataSet.LoadTrain(dir.Path);

        Assert.Equal(3, train.Count);
        Assert.Equal(5, train.Rows);
        Assert.Equal(7, train.Columns);
        Assert.Equal(35, train.ImageSize);
        Assert.Equal([2, 0, 1], train.Labels);
        Assert.Equal(pixels[40] / 255f, train.Images[40]);
        Assert.Equal("3 images of 5x7", train.ToString());
    }

    [Theory]
    [InlineData("test")]
    [InlineData("t10k")]
    [InlineData("TEST")]
    public void Load_TestSplit_ReadsT10kFiles(string split)
    {
        using var dir = new TempDirectory();
        WriteSplit(dir, "t10k", 2, 3, 4, [9, 8]);
        WriteSplit(dir, "train", 5, 3, 4, [1, 1, 1, 1, 1]);

        Assert.Equal([9, 8], ImageDataSet.Load(dir.Path, split).Labels);
        Assert.Equal([9, 8], ImageDataSet.LoadTest(dir.Path).Labels);
        Assert.Equal(5, ImageDataSet.Load(dir.Path, "train").Count);
    }

    [Fact]
    public void Load_AcceptsDottedNames()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteImages(dir.File("t10k-images.idx3-ubyte"), new byte[4], 1, 2, 2);
        IdxWriter.WriteLabels(dir.File("t10k-labels.idx1-ubyte"), [3]);

        Assert.Equal([3], ImageDataSet.LoadTest(dir.Path).Labels);
    }

    [Fact]
    public void Load_CountMismatch_NamesBothFilesAndBothCounts()
    {
        using var dir = new TempDirectory();
        string images = dir.File("train-images-idx3-ubyte.gz");
        string labels = dir.File("train-labels-idx1-ubyte");
        IdxWriter.WriteImages(images, IdxBytes.Pattern(3 * 5 * 7), 3, 5, 7);
        IdxWriter.WriteLabels(labels, [1, 2]);

        var error = Assert.Throws<InvalidDataException>(() => ImageDataSet.LoadTrain(dir.Path));

        Assert.Equal($"The image and label files disagree: {images} has 3 images but {labels} has 2 labels.", error.Message);
    }

    [Fact]
    public void Load_MissingFolder_SaysWhichFolder()
    {
        string missing = Path.Combine(Path.GetTempPath(), "netgen-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => ImageDataSet.LoadTrain(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingLabels_ListsTheNamesTried()
    {
        using var dir = new TempDirectory();
        IdxWriter.WriteImages(dir.File("train-images-idx3-ubyte.gz"), new byte[4], 1, 2, 2);

        var error = Assert.Throws<FileNotFoundException>(() => ImageDataSet.LoadTrain(dir.Path));

        Assert.Contains(dir.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("train-labels-idx1-ubyte, train-labels-idx1-ubyte.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedFile_PassesTheReadersMessageThrough()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("train-images-idx3-ubyte.gz"), "not gzip");
        IdxWriter.WriteLabels(dir.File("train-labels-idx1-ubyte.gz"), [1]);

        var error = Assert.Throws<InvalidDataException>(() => ImageDataSet.LoadTrain(dir.Path));

        Assert.StartsWith(dir.File("train-images-idx3-ubyte.gz") + ": the name ends in .gz but the file is not gzip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownSplit_Throws()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => ImageDataSet.Load(dir.Path, "validation"));
    }

    [Fact]
    public void Take_CopiesTheFirstRows_AndClampsToCount()
    {
        var set = new ImageDataSet([0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f], [4, 5, 6], 1, 2);

        ImageDataSet first = set.Take(2);
        Assert.Equal(2, first.Count);
        Assert.Equal([0f, 0.1f, 0.2f, 0.3f], first.Images);
        Assert.Equal([4, 5], first.Labels);
        first.Images[0] = 1f;
        Assert.Equal(0f, set.Images[0]);

        Assert.Equal(3, set.Take(10).Count);
        Assert.Equal(0, set.Take(0).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Take(-1));
    }

    [Fact]
    public void Image_IsAViewOfOneRow()
    {
        var set = new ImageDataSet([0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f], [4, 5, 6], 1, 2);

        Assert.Equal([0.4f, 0.5f], set.Image(2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Image(3));
    }

    [Fact]
    public void Constructor_RejectsLengthsThatDisagree()
    {
        Assert.Throws<ArgumentException>(() => new ImageDataSet(new float[5], new byte[3], 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDataSet([], [], 0, 2));
    }

    [Theory]
    [InlineData("subset-images.gz", "subset-labels.gz")]
    [InlineData("subset-images", "subset-labels")]
    public void Write_ThenFromFiles_RoundTripsLoadedData(string imagesName, string labelsName)
    {
        using var dir = new TempDirectory();
        WriteSplit(dir, "train", 4, 3, 3, [0, 1, 2, 3]);
        ImageDataSet original = ImageDataSet.LoadTrain(dir.Path).Take(3);

        IdxWriter.Write(original, dir.File(imagesName), dir.File(labelsName));
        ImageDataSet copy = ImageDataSet.FromFiles(dir.File(imagesName), dir.File(labelsName));

        Assert.Equal(original.Images, copy.Images);
        Assert.Equal(original.Labels, copy.Labels);
        Assert.Equal((3, 3), (copy.Rows, copy.Columns));
    }

    private static void WriteSplit(TempDirectory dir, string prefix, int count, int rows, int columns, byte[] labels)
    {
        IdxWriter.WriteImages(dir.File(prefix + "-images-idx3-ubyte.gz"), IdxBytes.Pattern(count * rows * columns), count, rows, columns);
        IdxWriter.WriteLabels(dir.File(prefix + "-labels-idx1-ubyte.gz"), labels);
    }
}
