using System;
using System.Collections.Generic;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>The sparse-list kernels against plain loops: every width (vector body and scalar tail), 1 to 4 rows, signed zeros.</summary>
public sealed class SparseTests
{
    public static TheoryData<int, int> Shapes()
    {
        var data = new TheoryData<int, int>();
        foreach (int width in new[] { 1, 7, 8, 9, 31, 100, 784 })
        {
            for (int rows = 1; rows <= 4; rows++)
                data.Add(width, rows);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void UnionOfRows_ListsTheColumnsNonzeroInAnyRow_InOrder(int width, int rows)
    {
        var random = new Random(width * 10 + rows);
        float[] matrix = Sparse(random, (rows + 2) * width);
        int stride = width + NetGen.Kernels.Sparse.Padding;
        int[] positions = new int[stride];
        float[] values = new float[4 * stride];

        int count = NetGen.Kernels.Sparse.UnionOfRows(matrix, width, 1, rows, 3, positions, values, stride);

        var expected = new List<int>();
        for (int c = 0; c < width; c++)
        {
            bool any = false;
            for (int t = 0; t < rows; t++)
                any |= matrix[(1 + t) * width + c] != 0f;
            if (any)
                expected.Add(c);
        }

        Assert.Equal(expected.Count, count);
        for (int k = 0; k < count; k++)
        {
            Assert.Equal(3 * expected[k], positions[k]);
            for (int t = 0; t < rows; t++)
                Assert.Equal(BitConverter.SingleToInt32Bits(matrix[(1 + t) * width + expected[k]]), BitConverter.SingleToInt32Bits(values[t * stride + k]));
        }
    }

    [Theory]
    [InlineData(784, 16, 100)]
    [InlineData(784, 16, 7)]
    [InlineData(20, 5, 9)]
    [InlineData(9, 9, 17)]
    public void TransposeColumns_CopiesEachColumnAsARow(int width, int columns, int rowCount)
    {
        var random = new Random(width + columns + rowCount);
        float[] matrix = Sparse(random, rowCount * width);
        float[] transposed = new float[columns * rowCount];
        int first = width - columns;

        NetGen.Kernels.Sparse.TransposeColumns(matrix, width, first, columns, rowCount, transposed);

        for (int t = 0; t < columns; t++)
        {
            for (int b = 0; b < rowCount; b++)
                Assert.Equal(matrix[b * width + first + t], transposed[t * rowCount + b]);
        }
    }

    [Fact]
    public void UnionOfRows_WithBuffersTooShort_Throws()
    {
        float[] matrix = new float[2 * 10];
        Assert.Throws<ArgumentException>(() => NetGen.Kernels.Sparse.UnionOfRows(matrix, 10, 0, 2, 1, new int[10], new float[100], 26));
        Assert.Throws<ArgumentException>(() => NetGen.Kernels.Sparse.UnionOfRows(matrix, 10, 1, 2, 1, new int[26], new float[100], 26));
        Assert.Throws<ArgumentException>(() => NetGen.Kernels.Sparse.UnionOfRows(matrix, 10, 0, 5, 1, new int[26], new float[200], 26));
    }

    /// <summary>Values that are 0 (or -0, which counts as zero) two times in three, as MNIST pixels mostly are.</summary>
    private static float[] Sparse(Random random, int length)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            int kind = random.Next(6);
            values[i] = kind switch { 0 or 1 => 0f, 2 or 3 => -0f, _ => (float)(random.NextDouble() - 0.5) };
        }

        return values;
    }
}
