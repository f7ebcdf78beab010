using System;
using System.Runtime.InteropServices;
using NetGen.Data;

namespace NetGen.Tests.Data;

public sealed class ImageDataSliceTests
{
    // 7 images of 2x3 pixels: pixel k of image i is i + k / 10, label i.
    private static ImageDataSet Seven()
    {
        float[] images = new float[7 * 6];
        byte[] labels = new byte[7];
        for (int i = 0; i < 7; i++)
        {
            labels[i] = (byte)i;
            for (int k = 0; k < 6; k++)
                images[i * 6 + k] = i + k / 10f;
        }

        return new ImageDataSet(images, labels, 2, 3);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(7)]
    public void Split_GivesTheFirstImagesAndTheRest(int first)
    {
        ImageDataSet data = Seven();
        (ImageDataSlice training, ImageDataSlice validation) = data.Split(first);

        Assert.Equal(first, training.Count);
        Assert.Equal(7 - first, validation.Count);
        Assert.Equal(6, training.ImageSize);
        Assert.Equal(data.Images.AsSpan(0, first * 6), training.Images);
        Assert.Equal(data.Labels.AsSpan(0, first), training.Labels);
        Assert.Equal(data.Images.AsSpan(first * 6), validation.Images);
        Assert.Equal(data.Labels.AsSpan(first), validation.Labels);
    }

    [Fact]
    public void Split_CopiesNothing()
    {
        ImageDataSet data = Seven();
        (ImageDataSlice training, ImageDataSlice validation) = data.Split(5);

        // Both parts are views of the data set's own arrays, at the right offsets.
        Assert.True(MemoryMarshal.TryGetArray(training.ImageMemory, out ArraySegment<float> trainingImages));
        Assert.Same(data.Images, trainingImages.Array);
        Assert.Equal(0, trainingImages.Offset);
        Assert.True(MemoryMarshal.TryGetArray(validation.ImageMemory, out ArraySegment<float> validationImages));
        Assert.Same(data.Images, validationImages.Array);
        Assert.Equal(30, validationImages.Offset);
        Assert.True(MemoryMarshal.TryGetArray(validation.LabelMemory, out ArraySegment<byte> validationLabels));
        Assert.Same(data.Labels, validationLabels.Array);
        Assert.Equal(5, validationLabels.Offset);

        // A change to the data set shows through the view.
        data.Images[30] = 99f;
        Assert.Equal(99f, validation.Images[0]);
    }

    [Fact]
    public void Slice_OfASlice_IsRelativeToIt()
    {
        ImageDataSlice middle = Seven().Slice(2, 4).Slice(1, 2);

        Assert.Equal(2, middle.Count);
        Assert.Equal([3, 4], middle.Labels.ToArray());
        Assert.Equal(3.5f, middle.Images[5]);
        Assert.Equal("2 images of 6 pixels", middle.ToString());
        Assert.Equal(7, Seven().AsSlice().Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void Split_OutOfRange_Throws(int first)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Seven().Split(first));
        Assert.Equal("firstCount", e.ParamName);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(0, -1)]
    [InlineData(0, 8)]
    [InlineData(7, 1)]
    [InlineData(3, 5)]
    [InlineData(8, 0)]
    [InlineData(int.MaxValue, int.MaxValue)]
    public void Slice_OutOfRange_Throws(int start, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Seven().Slice(start, count));

    [Fact]
    public void Slice_CanBeEmptyAtTheEnd() => Assert.Equal(0, Seven().Slice(7, 0).Count);
}
