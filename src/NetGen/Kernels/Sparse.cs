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
    /// The rows <c>b</c> of <c>matrix[0 .. rowCount)</c> at which any of the columns
    /// <c>firstColumn .. firstColumn + columns</c> is nonzero, in ascending order: <c>positions[k] = b * scale</c> and
    /// the row's values side by side, <c>values[k * columns + t] = matrix[b, firstColumn + t]</c>.
    /// </summary>
    /// <param name="matrix">A row-major matrix of <paramref name="width"/> columns.</param>
    /// <param name="width">The number of columns (the row stride).</param>
    /// <param name="firstColumn">The first column of the block.</param>
    /// <param name="columns">The columns in the block, from 1 to 4.</param>
    /// <param name="rowCount">The rows to look at, from the first.</param>
    /// <param name="scale">The factor applied to each row index written to <paramref name="positions"/>.</param>
    /// <param name="positions">Receives the scaled row indices; at least <c>rowCount + Padding</c> long.</param>
    /// <param name="values">Receives the columns' values at those rows; at least <c>4 * (rowCount + Padding)</c> long.</param>
    /// <returns>The number of rows listed.</returns>
    public static int UnionOfColumns(ReadOnlySpan<float> matrix, int width, int firstColumn, int columns, int rowCount, int scale, Span<int> positions, Span<float> values)
    {
        if ((uint)columns - 1 > 3 || firstColumn < 0 || firstColumn + columns > width || rowCount < 0 || (long)rowCount * width > matrix.Length
            || positions.Length < rowCount + Padding || values.Length < 4 * (rowCount + Padding))
        {
            throw new ArgumentException("The block or the buffers do not fit the matrix.");
        }

        ref float first = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), firstColumn);
        ref int at = ref MemoryMarshal.GetReference(positions);
        ref float value = ref MemoryMarshal.GetReference(values);
        int count = 0, b = 0;

        // With AVX-512, 8 rows at a time: gather each row's values (a strided load per row, no branch), compress the
        // rows with a nonzero value to the front of the lists.
        if (Avx512F.VL.IsSupported && (columns == 2 || columns == 4) && (long)rowCount * width < int.MaxValue)
            (b, count) = GatherColumns(matrix, width, firstColumn, columns, rowCount, scale, positions, values);

        // Every row is written, and the count moves past it only if one of its values is nonzero: no branch to mispredict
        // (a MNIST pixel is nonzero in about 1 row in 5, in no pattern a predictor could learn).
        switch (columns)
        {
            case 4:
                for (; b < rowCount; b++)
                {
                    var row = Vector128.LoadUnsafe(ref Unsafe.Add(ref first, b * width));
                    Unsafe.Add(ref at, count) = b * scale;
                    row.StoreUnsafe(ref value, (nuint)(4 * count));
                    uint nonzero = Vector128.Equals(row, Vector128<float>.Zero).ExtractMostSignificantBits() ^ 0xF;
                    count += (int)((nonzero + 0xF) >> 4);
                }

                break;
            case 2:
                for (; b < rowCount; b++)
                {
                    ulong pair = Unsafe.As<float, ulong>(ref Unsafe.Add(ref first, b * width));
                    Unsafe.Add(ref at, count) = b * scale;
                    Unsafe.As<float, ulong>(ref Unsafe.Add(ref value, 2 * count)) = pair;
                    count += NonzeroFlag((uint)pair | (uint)(pair >> 32));
                }

                break;
            default:
                for (; b < rowCount; b++)
                {
                    ref float row = ref Unsafe.Add(ref first, b * width);
                    uint bits = 0;
                    Unsafe.Add(ref at, count) = b * scale;
                    for (int t = 0; t < columns; t++)
                    {
                        float x = Unsafe.Add(ref row, t);
                        Unsafe.Add(ref value, count * columns + t) = x;
                        bits |= BitConverter.SingleToUInt32Bits(x);
                    }

                    count += NonzeroFlag(bits);
                }

                break;
        }

        return count;
    }

    /// <summary>
    /// The AVX-512 part of <see cref="UnionOfColumns"/> for 2 or 4 columns: groups of 8 rows, each row's values gathered
    /// as 64-bit pairs. Returns the first row it did not look at and the number of rows listed.
    /// </summary>
    private static unsafe (int Next, int Count) GatherColumns(ReadOnlySpan<float> matrix, int width, int firstColumn, int columns, int rowCount, int scale, Span<int> positions, Span<float> values)
    {
        int count = 0, b = 0;
        var rowIota = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var signless = Vector512.Create(0x7FFF_FFFF_7FFF_FFFFL);
        var low = Vector512.Create(0L, 8, 1, 9, 2, 10, 3, 11);
        var high = Vector512.Create(4L, 12, 5, 13, 6, 14, 7, 15);
        fixed (float* pinned = matrix)
        fixed (int* at = positions)
        fixed (float* value = values)
        {
            long* first = (long*)(pinned + firstColumn);
            for (; b <= rowCount - 8; b += 8)
            {
                var rows = rowIota + Vector256.Create(b);
                var offsets = rows * width;
                var pairs = Gather(first, offsets);
                var nonzero = ~Vector512.Equals(pairs & signless, Vector512<long>.Zero);
                Vector512<long> more = default;
                if (columns == 4)
                {
                    more = Gather(first + 1, offsets);
                    nonzero |= ~Vector512.Equals(more & signless, Vector512<long>.Zero);
                }

                ulong bits = nonzero.ExtractMostSignificantBits();
                if (bits == 0)
                    continue;
                Avx512F.VL.Compress(Vector256<int>.Zero, Avx512F.ConvertToVector256Int32(nonzero), rows * scale).Store(at + count);
                var listed = Avx512F.Compress(Vector512<long>.Zero, nonzero, pairs);
                if (columns == 2)
                {
                    listed.Store((long*)(value + 2 * count));
                }
                else
                {
                    // Each listed row's 4 values side by side: its pair from the first gather, then from the second.
                    var listedMore = Avx512F.Compress(Vector512<long>.Zero, nonzero, more);
                    Avx512F.PermuteVar8x64x2(listed, low, listedMore).Store((long*)(value + 4 * count));
                    Avx512F.PermuteVar8x64x2(listed, high, listedMore).Store((long*)(value + 4 * count) + 8);
                }

                count += BitOperations.PopCount(bits);
            }
        }

        return (b, count);
    }

    /// <summary>The 64-bit values at 8 float offsets from <paramref name="first"/> (two AVX2 gathers of 4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<long> Gather(long* first, Vector256<int> offsets) =>
        Vector512.Create(Avx2.GatherVector256(first, offsets.GetLower(), 4), Avx2.GatherVector256(first, offsets.GetUpper(), 4));

    /// <summary>1 if the OR of some floats' bits has a bit other than the sign (one of them is not 0 or -0), else 0; without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NonzeroFlag(uint bits) => (int)(((bits & 0x7FFF_FFFFu) + 0x7FFF_FFFFu) >> 31);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(ref float first, int width, int rows, int column, int scale, ref int at, ref float value, int valueStride, int count)
    {
        Unsafe.Add(ref at, count) = column * scale;
        for (int t = 0; t < rows; t++)
            Unsafe.Add(ref value, t * valueStride + count) = Unsafe.Add(ref first, t * width + column);
        return count + 1;
    }
}
