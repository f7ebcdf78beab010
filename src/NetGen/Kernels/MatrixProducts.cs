using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>
/// Accumulating products of row-major <see cref="float"/> matrices, as the generated Hessian-vector product calls
/// them: <c>C += A B</c>, <c>C += A^T B</c> and <c>C += A B^T</c>. Generic in the sizes (the generated code passes
/// its constants), vectorized along the contiguous dimension with <see cref="Vector{T}"/>, with 4 rows of <c>C</c>
/// and 2 vectors of its columns kept in registers, and a scalar tail for columns that do not fill a vector.
/// </summary>
/// <remarks>
/// Every method checks that the spans are long enough (an <see cref="ArgumentException"/> otherwise) and then reads
/// without bounds checks. The products accumulate in single precision, as the generated forward and backward passes
/// do. Steps whose broadcast factors are all zero are skipped, which pays off on sparse inputs (MNIST pixels) and
/// on ReLU outputs.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MatrixProducts
{
    private const int BlockRows = 4;

    /// <summary><c>C += A B</c> with <c>A</c> <c>[rows x inner]</c>, <c>B</c> <c>[inner x columns]</c>, <c>C</c> <c>[rows x columns]</c>.</summary>
    /// <param name="a">Row-major <c>[rows x inner]</c>.</param>
    /// <param name="b">Row-major <c>[inner x columns]</c>.</param>
    /// <param name="c">Row-major <c>[rows x columns]</c>, added to.</param>
    /// <param name="rows">The rows of <paramref name="a"/> and <paramref name="c"/>.</param>
    /// <param name="inner">The columns of <paramref name="a"/>, the rows of <paramref name="b"/>.</param>
    /// <param name="columns">The columns of <paramref name="b"/> and <paramref name="c"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than its shape.</exception>
    public static void MultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int rows, int inner, int columns)
    {
        Require(a.Length, (long)rows * inner, nameof(a));
        Require(b.Length, (long)inner * columns, nameof(b));
        Require(c.Length, (long)rows * columns, nameof(c));

        // C[r, :] += sum_t A[r, t] B[t, :]: A read along its rows (stride 1 in t, inner between rows).
        Broadcast(ref MemoryMarshal.GetReference(a), inner, 1, ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c), rows, inner, columns);
    }

    /// <summary><c>C += A^T B</c> with <c>A</c> <c>[rows x aColumns]</c>, <c>B</c> <c>[rows x bColumns]</c>, <c>C</c> <c>[aColumns x bColumns]</c>.</summary>
    /// <param name="a">Row-major <c>[rows x aColumns]</c>.</param>
    /// <param name="b">Row-major <c>[rows x bColumns]</c>.</param>
    /// <param name="c">Row-major <c>[aColumns x bColumns]</c>, added to.</param>
    /// <param name="rows">The rows of <paramref name="a"/> and <paramref name="b"/> (summed over).</param>
    /// <param name="aColumns">The columns of <paramref name="a"/>, the rows of <paramref name="c"/>.</param>
    /// <param name="bColumns">The columns of <paramref name="b"/> and <paramref name="c"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than its shape.</exception>
    public static void TransposeMultiplyAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int rows, int aColumns, int bColumns)
    {
        Require(a.Length, (long)rows * aColumns, nameof(a));
        Require(b.Length, (long)rows * bColumns, nameof(b));
        Require(c.Length, (long)aColumns * bColumns, nameof(c));

        // C[i, :] += sum_r A[r, i] B[r, :]: A read down its columns (stride aColumns in r, 1 between rows of C).
        Broadcast(ref MemoryMarshal.GetReference(a), 1, aColumns, ref MemoryMarshal.GetReference(b), ref MemoryMarshal.GetReference(c), aColumns, rows, bColumns);
    }

    /// <summary><c>C += A B^T</c> with <c>A</c> <c>[rows x inner]</c>, <c>B</c> <c>[bRows x inner]</c>, <c>C</c> <c>[rows x bRows]</c>.</summary>
    /// <param name="a">Row-major <c>[rows x inner]</c>.</param>
    /// <param name="b">Row-major <c>[bRows x inner]</c>.</param>
    /// <param name="c">Row-major <c>[rows x bRows]</c>, added to.</param>
    /// <param name="rows">The rows of <paramref name="a"/> and <paramref name="c"/>.</param>
    /// <param name="inner">The columns of <paramref name="a"/> and <paramref name="b"/> (summed over).</param>
    /// <param name="bRows">The rows of <paramref name="b"/>, the columns of <paramref name="c"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than its shape.</exception>
    public static void MultiplyTransposeAdd(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int rows, int inner, int bRows)
    {
        Require(a.Length, (long)rows * inner, nameof(a));
        Require(b.Length, (long)bRows * inner, nameof(b));
        Require(c.Length, (long)rows * bRows, nameof(c));

        // C[r, i] += A[r, :] . B[i, :]: a dot product of two contiguous rows per element.
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c);
        for (int r = 0; r < rows; r++)
        {
            ref float aRow = ref Unsafe.Add(ref a0, r * inner);
            for (int i = 0; i < bRows; i++)
                Unsafe.Add(ref c0, r * bRows + i) += Dot(ref aRow, ref Unsafe.Add(ref b0, i * inner), inner);
        }
    }

    /// <summary><c>sums[j] += sum_r rows[r, j]</c>: the column sums of a row-major <c>[rowCount x columns]</c> matrix, added to.</summary>
    /// <param name="matrix">Row-major <c>[rowCount x columns]</c>.</param>
    /// <param name="sums">The <paramref name="columns"/> sums, added to.</param>
    /// <param name="rowCount">The rows of <paramref name="matrix"/>.</param>
    /// <param name="columns">The columns of <paramref name="matrix"/>.</param>
    /// <exception cref="ArgumentException">A span is shorter than its shape.</exception>
    public static void ColumnSumsAdd(ReadOnlySpan<float> matrix, Span<float> sums, int rowCount, int columns)
    {
        Require(matrix.Length, (long)rowCount * columns, nameof(matrix));
        Require(sums.Length, columns, nameof(sums));
        for (int r = 0; r < rowCount; r++)
        {
            ReadOnlySpan<float> row = matrix.Slice(r * columns, columns);
            for (int j = 0; j < columns; j++)
                sums[j] += row[j];
        }
    }

    /// <summary>
    /// <c>C[p, :] += sum_t A(p, t) B[t, :]</c> for <c>p &lt; pCount</c>, <c>t &lt; tCount</c>, where
    /// <c>A(p, t) = a[p * pStride + t * tStride]</c>, <c>B</c> is <c>[tCount x columns]</c> and <c>C</c> <c>[pCount x columns]</c>.
    /// </summary>
    private static void Broadcast(ref float a, int pStride, int tStride, ref float b, ref float c, int pCount, int tCount, int columns)
    {
        int lanes = Vector<float>.Count;
        int p = 0;
        for (; p <= pCount - BlockRows; p += BlockRows)
        {
            ref float a0 = ref Unsafe.Add(ref a, p * pStride);
            int j = 0;
            for (; j <= columns - 2 * lanes; j += 2 * lanes)
                BlockOf4x2(ref a0, pStride, tStride, ref b, ref c, p, j, tCount, columns);
            for (; j <= columns - lanes; j += lanes)
                BlockOf4x1(ref a0, pStride, tStride, ref b, ref c, p, j, tCount, columns);
            for (; j < columns; j++)
            {
                for (int k = 0; k < BlockRows; k++)
                    Unsafe.Add(ref c, (p + k) * columns + j) += ScalarColumn(ref Unsafe.Add(ref a0, k * pStride), tStride, ref b, j, tCount, columns);
            }
        }

        for (; p < pCount; p++)
        {
            ref float ap = ref Unsafe.Add(ref a, p * pStride);
            ref float cRow = ref Unsafe.Add(ref c, p * columns);
            int j = 0;
            for (; j <= columns - lanes; j += lanes)
            {
                Vector<float> s = Vector.LoadUnsafe(ref cRow, (nuint)j);
                for (int t = 0; t < tCount; t++)
                {
                    float x = Unsafe.Add(ref ap, t * tStride);
                    if (x == 0f)
                        continue;
                    s = Vector.MultiplyAddEstimate(new Vector<float>(x), Vector.LoadUnsafe(ref b, (nuint)(t * columns + j)), s);
                }

                Vector.StoreUnsafe(s, ref cRow, (nuint)j);
            }

            for (; j < columns; j++)
                Unsafe.Add(ref cRow, j) += ScalarColumn(ref ap, tStride, ref b, j, tCount, columns);
        }
    }

    // Rows p..p+3 of C, columns j..j+2*Lanes: 8 accumulators in registers over every t.
    private static void BlockOf4x2(ref float a0, int pStride, int tStride, ref float b, ref float c, int p, int j, int tCount, int columns)
    {
        int lanes = Vector<float>.Count;
        ref float c0 = ref Unsafe.Add(ref c, p * columns + j);
        ref float c1 = ref Unsafe.Add(ref c0, columns);
        ref float c2 = ref Unsafe.Add(ref c1, columns);
        ref float c3 = ref Unsafe.Add(ref c2, columns);
        Vector<float> s00 = Vector.LoadUnsafe(ref c0), s01 = Vector.LoadUnsafe(ref c0, (nuint)lanes);
        Vector<float> s10 = Vector.LoadUnsafe(ref c1), s11 = Vector.LoadUnsafe(ref c1, (nuint)lanes);
        Vector<float> s20 = Vector.LoadUnsafe(ref c2), s21 = Vector.LoadUnsafe(ref c2, (nuint)lanes);
        Vector<float> s30 = Vector.LoadUnsafe(ref c3), s31 = Vector.LoadUnsafe(ref c3, (nuint)lanes);
        for (int t = 0; t < tCount; t++)
        {
            ref float at = ref Unsafe.Add(ref a0, t * tStride);
            float x0 = at, x1 = Unsafe.Add(ref at, pStride), x2 = Unsafe.Add(ref at, 2 * pStride), x3 = Unsafe.Add(ref at, 3 * pStride);
            if (x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f)
                continue;
            ref float bt = ref Unsafe.Add(ref b, t * columns + j);
            Vector<float> v0 = Vector.LoadUnsafe(ref bt), v1 = Vector.LoadUnsafe(ref bt, (nuint)lanes);
            var e0 = new Vector<float>(x0);
            s00 = Vector.MultiplyAddEstimate(e0, v0, s00);
            s01 = Vector.MultiplyAddEstimate(e0, v1, s01);
            var e1 = new Vector<float>(x1);
            s10 = Vector.MultiplyAddEstimate(e1, v0, s10);
            s11 = Vector.MultiplyAddEstimate(e1, v1, s11);
            var e2 = new Vector<float>(x2);
            s20 = Vector.MultiplyAddEstimate(e2, v0, s20);
            s21 = Vector.MultiplyAddEstimate(e2, v1, s21);
            var e3 = new Vector<float>(x3);
            s30 = Vector.MultiplyAddEstimate(e3, v0, s30);
            s31 = Vector.MultiplyAddEstimate(e3, v1, s31);
        }

        Vector.StoreUnsafe(s00, ref c0);
        Vector.StoreUnsafe(s01, ref c0, (nuint)lanes);
        Vector.StoreUnsafe(s10, ref c1);
        Vector.StoreUnsafe(s11, ref c1, (nuint)lanes);
        Vector.StoreUnsafe(s20, ref c2);
        Vector.StoreUnsafe(s21, ref c2, (nuint)lanes);
        Vector.StoreUnsafe(s30, ref c3);
        Vector.StoreUnsafe(s31, ref c3, (nuint)lanes);
    }

    // Rows p..p+3 of C, columns j..j+Lanes.
    private static void BlockOf4x1(ref float a0, int pStride, int tStride, ref float b, ref float c, int p, int j, int tCount, int columns)
    {
        ref float c0 = ref Unsafe.Add(ref c, p * columns + j);
        ref float c1 = ref Unsafe.Add(ref c0, columns);
        ref float c2 = ref Unsafe.Add(ref c1, columns);
        ref float c3 = ref Unsafe.Add(ref c2, columns);
        Vector<float> s0 = Vector.LoadUnsafe(ref c0), s1 = Vector.LoadUnsafe(ref c1);
        Vector<float> s2 = Vector.LoadUnsafe(ref c2), s3 = Vector.LoadUnsafe(ref c3);
        for (int t = 0; t < tCount; t++)
        {
            ref float at = ref Unsafe.Add(ref a0, t * tStride);
            float x0 = at, x1 = Unsafe.Add(ref at, pStride), x2 = Unsafe.Add(ref at, 2 * pStride), x3 = Unsafe.Add(ref at, 3 * pStride);
            if (x0 == 0f && x1 == 0f && x2 == 0f && x3 == 0f)
                continue;
            Vector<float> v = Vector.LoadUnsafe(ref b, (nuint)(t * columns + j));
            s0 = Vector.MultiplyAddEstimate(new Vector<float>(x0), v, s0);
            s1 = Vector.MultiplyAddEstimate(new Vector<float>(x1), v, s1);
            s2 = Vector.MultiplyAddEstimate(new Vector<float>(x2), v, s2);
            s3 = Vector.MultiplyAddEstimate(new Vector<float>(x3), v, s3);
        }

        Vector.StoreUnsafe(s0, ref c0);
        Vector.StoreUnsafe(s1, ref c1);
        Vector.StoreUnsafe(s2, ref c2);
        Vector.StoreUnsafe(s3, ref c3);
    }

    // sum_t A(p, t) B[t, j] for one element of C.
    private static float ScalarColumn(ref float ap, int tStride, ref float b, int j, int tCount, int columns)
    {
        float s = 0f;
        for (int t = 0; t < tCount; t++)
            s += Unsafe.Add(ref ap, t * tStride) * Unsafe.Add(ref b, t * columns + j);
        return s;
    }

    private static float Dot(ref float x, ref float y, int length)
    {
        int lanes = Vector<float>.Count;
        var s0 = Vector<float>.Zero;
        var s1 = Vector<float>.Zero;
        int k = 0;
        for (; k <= length - 2 * lanes; k += 2 * lanes)
        {
            s0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref x, (nuint)k), Vector.LoadUnsafe(ref y, (nuint)k), s0);
            s1 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref x, (nuint)(k + lanes)), Vector.LoadUnsafe(ref y, (nuint)(k + lanes)), s1);
        }

        for (; k <= length - lanes; k += lanes)
            s0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref x, (nuint)k), Vector.LoadUnsafe(ref y, (nuint)k), s0);
        float sum = Vector.Sum(s0 + s1);
        for (; k < length; k++)
            sum += Unsafe.Add(ref x, k) * Unsafe.Add(ref y, k);
        return sum;
    }

    private static void Require(int length, long needed, string paramName)
    {
        if (length < needed)
            throw new ArgumentException($"'{paramName}' has {length} elements; the shape needs {needed}.", paramName);
    }
}
