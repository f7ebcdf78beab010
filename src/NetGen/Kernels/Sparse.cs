using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// The nonzero structure of a block of a row-major matrix, as generated networks use it to skip the zeros of their
/// inputs (MNIST pixels are 81% zero, ReLU outputs about half): the columns at which any of a few consecutive rows is
/// nonzero (for <c>Z = X W</c>, row by row), and the rows at which any of a few consecutive columns is nonzero (for
/// <c>dW = X^T G</c>, input by input).
/// </summary>
/// <remarks>
/// Both write a list of positions, each scaled by the caller's row stride so that it is ready to add to a reference,
/// and the block's values at each position, zeros included (a list per row of the block; side by side for the columns
/// of a block): the kernel that
/// reads them multiplies every value, and a zero adds nothing. The lists are in ascending order, so every sum over
/// them is taken in the same order on every run. The buffers must hold <see cref="Padding"/> elements more than the
/// longest list: the vector paths store whole vectors.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Sparse
{
    /// <summary>The extra elements the position and value buffers need past the longest possible list.</summary>
    public const int Padding = 16;

    /// <summary>
    /// The columns <c>c</c> of <c>matrix[firstRow .. firstRow + rows)</c> at which any of the rows is nonzero, in
    /// ascending order: <c>positions[k] = c * scale</c> and <c>values[t * valueStride + k] = matrix[firstRow + t, c]</c>.
    /// </summary>
    /// <param name="matrix">A row-major matrix of <paramref name="width"/> columns.</param>
    /// <param name="width">The number of columns (the row stride).</param>
    /// <param name="firstRow">The first row of the block.</param>
    /// <param name="rows">The rows in the block, from 1 to 4.</param>
    /// <param name="scale">The factor applied to each column index written to <paramref name="positions"/>.</param>
    /// <param name="positions">Receives the scaled column indices; at least <c>width + Padding</c> long.</param>
    /// <param name="values">Receives the rows' values at those columns; at least <c>(rows - 1) * valueStride + width + Padding</c> long.</param>
    /// <param name="valueStride">The distance between the value lists of consecutive rows, at least <c>width + Padding</c>.</param>
    /// <returns>The number of columns listed.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int UnionOfRows(ReadOnlySpan<float> matrix, int width, int firstRow, int rows, int scale, Span<int> positions, Span<float> values, int valueStride)
    {
        if ((uint)rows - 1 > 3 || width < 0 || firstRow < 0 || (long)(firstRow + rows) * width > matrix.Length
            || positions.Length < width + Padding || valueStride < width + Padding || values.Length < (rows - 1) * valueStride + width + Padding)
        {
            throw new ArgumentException("The block or the buffers do not fit the matrix.");
        }

        ref float first = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), firstRow * width);
        ref int at = ref MemoryMarshal.GetReference(positions);
        ref float value = ref MemoryMarshal.GetReference(values);
        if (Avx512F.VL.IsSupported && width >= 16)
        {
            // The row count as a constant in each copy of the loop, so that it has no loops over the rows.
            return rows switch
            {
                1 => UnionOfRows512(ref first, width, 1, scale, ref at, ref value, valueStride),
                2 => UnionOfRows512(ref first, width, 2, scale, ref at, ref value, valueStride),
                3 => UnionOfRows512(ref first, width, 3, scale, ref at, ref value, valueStride),
                _ => UnionOfRows512(ref first, width, 4, scale, ref at, ref value, valueStride),
            };
        }

        int count = 0, c = 0;
        if (Avx512F.VL.IsSupported)
        {
            var scaledIota = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7) * scale;
            for (; c <= width - 8; c += 8)
            {
                var row0 = Vector256.LoadUnsafe(ref first, (nuint)c);
                var zero = Vector256.Equals(row0, Vector256<float>.Zero);
                for (int t = 1; t < rows; t++)
                    zero &= Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)(t * width + c)), Vector256<float>.Zero);
                var nonzero = ~zero;
                uint bits = nonzero.ExtractMostSignificantBits();
                if (bits == 0)
                    continue;

                // Compress the listed lanes to the front and store whole vectors at the end of each list.
                Avx512F.VL.Compress(Vector256<int>.Zero, nonzero.AsInt32(), scaledIota + Vector256.Create(c * scale)).StoreUnsafe(ref at, (nuint)count);
                Avx512F.VL.Compress(Vector256<float>.Zero, nonzero, row0).StoreUnsafe(ref value, (nuint)count);
                for (int t = 1; t < rows; t++)
                {
                    var row = Vector256.LoadUnsafe(ref first, (nuint)(t * width + c));
                    Avx512F.VL.Compress(Vector256<float>.Zero, nonzero, row).StoreUnsafe(ref value, (nuint)(t * valueStride + count));
                }

                count += BitOperations.PopCount(bits);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; c <= width - 8; c += 8)
            {
                var zero = Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)c), Vector256<float>.Zero);
                for (int t = 1; t < rows; t++)
                    zero &= Vector256.Equals(Vector256.LoadUnsafe(ref first, (nuint)(t * width + c)), Vector256<float>.Zero);
                uint bits = ~zero.ExtractMostSignificantBits() & 0xFF;
                while (bits != 0)
                {
                    int column = c + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    count = Append(ref first, width, rows, column, scale, ref at, ref value, valueStride, count);
                }
            }
        }

        // The columns left over, one at a time.
        for (; c < width; c++)
        {
            bool any = false;
            for (int t = 0; t < rows; t++)
                any |= Unsafe.Add(ref first, t * width + c) != 0f;
            if (any)
                count = Append(ref first, width, rows, c, scale, ref at, ref value, valueStride, count);
        }

        return count;
    }

    /// <summary>
    /// Copies columns <c>firstColumn .. firstColumn + columns</c> of the first <paramref name="rowCount"/> rows of a
    /// row-major matrix into <paramref name="transposed"/> as rows: <c>transposed[t * rowCount + b] = matrix[b, firstColumn + t]</c>.
    /// Each column becomes a contiguous row, whose nonzero entries <see cref="UnionOfRows"/> then lists a vector at a time.
    /// </summary>
    /// <param name="matrix">A row-major matrix of <paramref name="width"/> columns.</param>
    /// <param name="width">The number of columns (the row stride).</param>
    /// <param name="firstColumn">The first column to copy.</param>
    /// <param name="columns">How many columns to copy.</param>
    /// <param name="rowCount">The rows to copy, from the first.</param>
    /// <param name="transposed">Receives the columns as rows of <paramref name="rowCount"/> floats; at least <c>columns * rowCount</c> long.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void TransposeColumns(ReadOnlySpan<float> matrix, int width, int firstColumn, int columns, int rowCount, Span<float> transposed)
    {
        if (columns < 0 || firstColumn < 0 || firstColumn + columns > width || rowCount < 0 || (long)rowCount * width > matrix.Length
            || (long)columns * rowCount > transposed.Length)
        {
            throw new ArgumentException("The block or the buffer do not fit the matrix.");
        }

        ref float source = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), firstColumn);
        ref float target = ref MemoryMarshal.GetReference(transposed);
        int t = 0;
        if (Avx.IsSupported)
        {
            // 8 x 8 blocks in registers: 8 row loads, the classic unpack / shuffle / permute transpose, 8 column stores.
            for (; t <= columns - 8; t += 8)
            {
                int b = 0;
                for (; b <= rowCount - 8; b += 8)
                {
                    ref float block = ref Unsafe.Add(ref source, b * width + t);
                    var r0 = Vector256.LoadUnsafe(ref block);
                    var r1 = Vector256.LoadUnsafe(ref block, (nuint)width);
                    var r2 = Vector256.LoadUnsafe(ref block, (nuint)(2 * width));
                    var r3 = Vector256.LoadUnsafe(ref block, (nuint)(3 * width));
                    var r4 = Vector256.LoadUnsafe(ref block, (nuint)(4 * width));
                    var r5 = Vector256.LoadUnsafe(ref block, (nuint)(5 * width));
                    var r6 = Vector256.LoadUnsafe(ref block, (nuint)(6 * width));
                    var r7 = Vector256.LoadUnsafe(ref block, (nuint)(7 * width));
                    Transpose8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
                    ref float column = ref Unsafe.Add(ref target, t * rowCount + b);
                    r0.StoreUnsafe(ref column);
                    r1.StoreUnsafe(ref column, (nuint)rowCount);
                    r2.StoreUnsafe(ref column, (nuint)(2 * rowCount));
                    r3.StoreUnsafe(ref column, (nuint)(3 * rowCount));
                    r4.StoreUnsafe(ref column, (nuint)(4 * rowCount));
                    r5.StoreUnsafe(ref column, (nuint)(5 * rowCount));
                    r6.StoreUnsafe(ref column, (nuint)(6 * rowCount));
                    r7.StoreUnsafe(ref column, (nuint)(7 * rowCount));
                }

                for (; b < rowCount; b++)
                {
                    for (int c = t; c < t + 8; c++)
                        Unsafe.Add(ref target, c * rowCount + b) = Unsafe.Add(ref source, b * width + c);
                }
            }
        }

        for (; t < columns; t++)
        {
            for (int b = 0; b < rowCount; b++)
                Unsafe.Add(ref target, t * rowCount + b) = Unsafe.Add(ref source, b * width + t);
        }
    }

    /// <summary>Transposes the 8 x 8 block whose rows are <paramref name="r0"/> .. <paramref name="r7"/>, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(
        ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        // Pairs of rows interleaved, then pairs of pairs, then the 128-bit halves swapped into place.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        r0 = Avx.Permute2x128(u0, u4, 0x20);
        r1 = Avx.Permute2x128(u1, u5, 0x20);
        r2 = Avx.Permute2x128(u2, u6, 0x20);
        r3 = Avx.Permute2x128(u3, u7, 0x20);
        r4 = Avx.Permute2x128(u0, u4, 0x31);
        r5 = Avx.Permute2x128(u1, u5, 0x31);
        r6 = Avx.Permute2x128(u2, u6, 0x31);
        r7 = Avx.Permute2x128(u3, u7, 0x31);
    }

    /// <summary>
    /// <see cref="UnionOfRows"/> 16 columns at a time, for rows of at least 16; the columns past the last multiple of 16
    /// as the last 16 columns again, those already listed masked out, so that nothing is read past the end of the rows.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int UnionOfRows512(ref float first, int width, int rows, int scale, ref int at, ref float value, int valueStride)
    {
        var iota = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        var scaledIota = iota * scale;
        var step = Vector512.Create(16 * scale);
        var columns = scaledIota;
        int count = 0, c = 0;
        for (; c <= width - 16; c += 16)
        {
            count = Block16(ref first, width, rows, c, Vector512<int>.AllBitsSet, columns, ref at, ref value, valueStride, count);
            columns += step;
        }

        if (c < width)
        {
            int start = width - 16;
            var fresh = Vector512.GreaterThanOrEqual(iota, Vector512.Create(c - start));
            count = Block16(ref first, width, rows, start, fresh, scaledIota + Vector512.Create(start * scale), ref at, ref value, valueStride, count);
        }

        return count;
    }

    /// <summary>Lists the columns <c>c .. c + 16</c> selected by <paramref name="keep"/> at which any row is nonzero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Block16(ref float first, int width, int rows, int c, Vector512<int> keep, Vector512<int> columns, ref int at, ref float value, int valueStride, int count)
    {
        // A float is zero (+0 or -0) when its bits but the sign are; a NaN is not.
        var row0 = Vector512.LoadUnsafe(ref first, (nuint)c);
        var row1 = rows > 1 ? Vector512.LoadUnsafe(ref first, (nuint)(width + c)) : default;
        var row2 = rows > 2 ? Vector512.LoadUnsafe(ref first, (nuint)(2 * width + c)) : default;
        var row3 = rows > 3 ? Vector512.LoadUnsafe(ref first, (nuint)(3 * width + c)) : default;
        var any = row0.AsInt32();
        if (rows > 1)
            any |= row1.AsInt32();
        if (rows > 2)
            any |= row2.AsInt32();
        if (rows > 3)
            any |= row3.AsInt32();
        var nonzero = ~Vector512.Equals(any & Vector512.Create(int.MaxValue), Vector512<int>.Zero) & keep;

        // Skipping the empty blocks pays although MNIST's vary from image to image and the branch mispredicts: always
        // storing was as fast or slower on every shape SparseBenchmarks measures (up to 1.7x on 2 image rows in cache).
        if (nonzero == Vector512<int>.Zero)
            return count;

        // Compressed to the front and stored whole at the end of each list (the padding takes the rest).
        Avx512F.Compress(Vector512<int>.Zero, nonzero, columns).StoreUnsafe(ref at, (nuint)count);
        Avx512F.Compress(Vector512<float>.Zero, nonzero.AsSingle(), row0).StoreUnsafe(ref value, (nuint)count);
        if (rows > 1)
            Avx512F.Compress(Vector512<float>.Zero, nonzero.AsSingle(), row1).StoreUnsafe(ref value, (nuint)(valueStride + count));
        if (rows > 2)
            Avx512F.Compress(Vector512<float>.Zero, nonzero.AsSingle(), row2).StoreUnsafe(ref value, (nuint)(2 * valueStride + count));
        if (rows > 3)
            Avx512F.Compress(Vector512<float>.Zero, nonzero.AsSingle(), row3).StoreUnsafe(ref value, (nuint)(3 * valueStride + count));
        return count + BitOperations.PopCount(nonzero.ExtractMostSignificantBits());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(ref float first, int width, int rows, int column, int scale, ref int at, ref float value, int valueStride, int count)
    {
        Unsafe.Add(ref at, count) = column * scale;
        for (int t = 0; t < rows; t++)
            Unsafe.Add(ref value, t * valueStride + count) = Unsafe.Add(ref first, t * width + column);
        return count + 1;
    }
}
