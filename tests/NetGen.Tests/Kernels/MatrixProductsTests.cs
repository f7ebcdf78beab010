using System;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The accumulating matrix products against plain triple loops in double, on shapes that exercise every path: the
/// 4-row blocks and the leftover rows, 2-vector and 1-vector column blocks and the scalar tail, zeros that are skipped.
/// </summary>
public sealed class MatrixProductsTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 4, 9, 16 }, { 5, 17, 33 }, { 9, 33, 3 }, { 12, 7, 40 }, { 2, 64, 1 }, { 13, 1, 17 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyAdd_AddsAB(int rows, int inner, int columns)
    {
        var random = new Random(rows * 100 + inner * 10 + columns);
        float[] a = Draw(rows * inner, random), b = Draw(inner * columns, random), c = Draw(rows * columns, random);
        double[] expected = Widen(c);
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < columns; j++)
                for (int t = 0; t < inner; t++)
                    expected[r * columns + j] += (double)a[r * inner + t] * b[t * columns + j];

        MatrixProducts.MultiplyAdd(a, b, c, rows, inner, columns);
        AssertClose(expected, c);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TransposeMultiplyAdd_AddsATransposeB(int rows, int aColumns, int bColumns)
    {
        var random = new Random(rows * 101 + aColumns * 11 + bColumns);
        float[] a = Draw(rows * aColumns, random), b = Draw(rows * bColumns, random), c = Draw(aColumns * bColumns, random);
        double[] expected = Widen(c);
        for (int i = 0; i < aColumns; i++)
            for (int j = 0; j < bColumns; j++)
                for (int r = 0; r < rows; r++)
                    expected[i * bColumns + j] += (double)a[r * aColumns + i] * b[r * bColumns + j];

        MatrixProducts.TransposeMultiplyAdd(a, b, c, rows, aColumns, bColumns);
        AssertClose(expected, c);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposeAdd_AddsABTranspose(int rows, int inner, int bRows)
    {
        var random = new Random(rows * 103 + inner * 13 + bRows);
        float[] a = Draw(rows * inner, random), b = Draw(bRows * inner, random), c = Draw(rows * bRows, random);
        double[] expected = Widen(c);
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < bRows; i++)
                for (int t = 0; t < inner; t++)
                    expected[r * bRows + i] += (double)a[r * inner + t] * b[i * inner + t];

        MatrixProducts.MultiplyTransposeAdd(a, b, c, rows, inner, bRows);
        AssertClose(expected, c);
    }

    [Fact]
    public void ColumnSumsAdd_AddsEachColumn()
    {
        float[] matrix = [1, 2, 3, 4, 5, 6];
        float[] sums = [10, 20, 30];
        MatrixProducts.ColumnSumsAdd(matrix, sums, 2, 3);
        Assert.Equal([15f, 27f, 39f], sums);
    }

    [Fact]
    public void ShortSpan_Throws_NamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => MatrixProducts.MultiplyAdd(new float[5], new float[6], new float[4], 2, 3, 2));
        Assert.Equal("a", error.ParamName);
    }

    /// <summary>Values in [-1, 1) with about a third exactly 0, so the skip-zero paths run.</summary>
    private static float[] Draw(int length, Random random)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = random.Next(3) == 0 ? 0f : (float)(2 * random.NextDouble() - 1);
        return values;
    }

    private static double[] Widen(float[] values) => Array.ConvertAll(values, value => (double)value);

    private static void AssertClose(double[] expected, float[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(actual[i] - expected[i]) <= Tolerance * (1 + Math.Abs(expected[i])), $"element {i}: {actual[i]} vs {expected[i]}");
    }
}
