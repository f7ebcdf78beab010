using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    public static TheoryData<int, int, double> RandomShapes()
    {
        var data = new TheoryData<int, int, double>();
        var widths = new List<int>();
        for (int width = 0; width <= 70; width++)
            widths.Add(width);
        widths.Add(100);
        widths.Add(784);
        foreach (int width in widths)
        {
            for (int rows = 1; rows <= 4; rows++)
            {
                foreach (double density in new[] { 0, 0.2, 0.5, 1 })
                    data.Add(width, rows, density);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RandomShapes))]
    public void UnionOfRows_MatchesAPlainLoop_WithSignedZerosAndNaNs(int width, int rows, double density)
    {
        var random = new Random(width * 100 + rows * 10 + (int)(density * 10));
        for (int trial = 0; trial < 4; trial++)
        {
            int firstRow = random.Next(3);
            float[] matrix = new float[(firstRow + rows) * width];
            for (int i = 0; i < matrix.Length; i++)
            {
                // Nonzero with the given density: a NaN one time in 8; the zeros half +0 and half -0.
                matrix[i] = random.NextDouble() < density
                    ? (random.Next(8) == 0 ? float.NaN : (float)(random.NextDouble() - 0.5))
                    : (random.Next(2) == 0 ? 0f : -0f);
            }

            int stride = width + NetGen.Kernels.Sparse.Padding + random.Next(3);
            int[] positions = new int[width + NetGen.Kernels.Sparse.Padding];
            float[] values = new float[(rows - 1) * stride + width + NetGen.Kernels.Sparse.Padding];
            int scale = random.Next(1, 1000);

            int count = NetGen.Kernels.Sparse.UnionOfRows(matrix, width, firstRow, rows, scale, positions, values, stride);

            AssertListed(matrix, width, firstRow, rows, scale, positions, values, stride, count);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(15, 2)]
    [InlineData(16, 1)]
    [InlineData(17, 4)]
    [InlineData(31, 2)]
    [InlineData(100, 1)]
    [InlineData(100, 2)]
    [InlineData(784, 4)]
    public void UnionOfRows_ReadsNothingPastTheEndOfTheMatrix(int width, int rows)
    {
        // The matrix ends where an inaccessible page begins, so a read past its end faults (on Linux, where mmap is at hand).
        if (!OperatingSystem.IsLinux())
            return;
        int length = (1 + rows) * width;
        int page = Environment.SystemPageSize;
        int size = (length * sizeof(float) + page - 1) / page * page;
        nint memory = Mmap(0, (nuint)(size + page), 3, 0x22, -1, 0);
        Assert.NotEqual(-1, memory);
        try
        {
            Assert.Equal(0, Mprotect(memory + size, (nuint)page, 0));
            var matrix = MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<float>(), (nuint)(memory + size - length * sizeof(float))), length);
            var random = new Random(width + rows);
            for (int i = 0; i < length; i++)
                matrix[i] = random.Next(3) == 0 ? (float)random.NextDouble() + 1f : 0f;
            matrix[^1] = 1f;
            int stride = width + NetGen.Kernels.Sparse.Padding;
            int[] positions = new int[stride];
            float[] values = new float[rows * stride];

            int count = NetGen.Kernels.Sparse.UnionOfRows(matrix, width, 1, rows, 1, positions, values, stride);

            AssertListed(matrix.ToArray(), width, 1, rows, 1, positions, values, stride, count);
        }
        finally
        {
            Assert.Equal(0, Munmap(memory, (nuint)(size + page)));
        }
    }

    [DllImport("libc", EntryPoint = "mmap")]
    private static extern nint Mmap(nint address, nuint length, int protection, int flags, int file, nint offset);

    [DllImport("libc", EntryPoint = "mprotect")]
    private static extern int Mprotect(nint address, nuint length, int protection);

    [DllImport("libc", EntryPoint = "munmap")]
    private static extern int Munmap(nint address, nuint length);

    /// <summary>The listed columns and values against a plain loop; -0 counts as zero, NaN as nonzero, the bits compared.</summary>
    private static void AssertListed(float[] matrix, int width, int firstRow, int rows, int scale, int[] positions, float[] values, int stride, int count)
    {
        var expected = new List<int>();
        for (int c = 0; c < width; c++)
        {
            bool any = false;
            for (int t = 0; t < rows; t++)
                any |= !(matrix[(firstRow + t) * width + c] == 0f);
            if (any)
                expected.Add(c);
        }

        Assert.Equal(expected.Count, count);
        for (int k = 0; k < count; k++)
        {
            Assert.Equal(scale * expected[k], positions[k]);
            for (int t = 0; t < rows; t++)
                Assert.Equal(BitConverter.SingleToInt32Bits(matrix[(firstRow + t) * width + expected[k]]), BitConverter.SingleToInt32Bits(values[t * stride + k]));
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
