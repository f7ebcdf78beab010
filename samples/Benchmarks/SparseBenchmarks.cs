using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using BenchmarkDotNet.Attributes;
using NetGen.Kernels;

namespace NetGen.Benchmarks;

/// <summary>
/// <see cref="Sparse.UnionOfRows"/> on the shapes MNIST training gives it: 2 and 4 image rows of 784 pixels (the
/// forward pass), 1 and 2 transposed pixel columns of a batch of 100 (the weight update), and dense rows; against
/// <see cref="SparseBaseline"/>, a copy of the kernel before its 16-column AVX-512 path.
/// </summary>
[MemoryDiagnoser]
public class SparseBenchmarks
{
    private const int Images = 2048;
    private const int Batches = 8;
    private float[] _mnist = null!;
    private float[] _transposed = null!;
    private float[] _dense = null!;
    private int[] _positions = null!;
    private float[] _values = null!;
    private int _stride;

    /// <summary>The shape: which matrix, its width, the rows per block.</summary>
    [Params("mnist 784x2", "mnist 784x4", "columns 100x1", "columns 100x2", "dense 784x4")]
    public string Case { get; set; } = "";

    /// <summary>Loads MNIST and builds the transposed columns and the dense rows.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = BenchmarkData.Mnist(null);
        _mnist = data.Images.AsSpan(0, Images * 784).ToArray();

        // The weight update's input: the pixel columns of a batch of 100 images, each a row of 100.
        _transposed = new float[Batches * 784 * 100];
        for (int batch = 0; batch < Batches; batch++)
        {
            for (int b = 0; b < 100; b++)
            {
                for (int p = 0; p < 784; p++)
                    _transposed[(batch * 784 + p) * 100 + b] = data.Images[(1000 + batch * 100 + b) * 784 + p];
            }
        }

        Console.WriteLine($"// transposed nonzero: {Array.FindAll(_transposed, x => x != 0f).Length / (double)_transposed.Length:P1}");

        var random = new Random(7);
        _dense = new float[Images * 784];
        for (int i = 0; i < _dense.Length; i++)
            _dense[i] = (float)random.NextDouble() + 0.01f;
        _stride = 784 + Sparse.Padding;
        _positions = new int[_stride];
        _values = new float[4 * _stride];
    }

    /// <summary>The kernel before: 8 columns at a time, a branch per block, the leftover columns one at a time.</summary>
    [Benchmark(Baseline = true)]
    public int Old() => Run(baseline: true);

    /// <summary>The kernel now.</summary>
    [Benchmark]
    public int New() => Run(baseline: false);

    private int Run(bool baseline)
    {
        var (matrix, width, rows) = Case switch
        {
            "mnist 784x2" => (_mnist, 784, 2),
            "mnist 784x4" => (_mnist, 784, 4),
            "columns 100x1" => (_transposed, 100, 1),
            "columns 100x2" => (_transposed, 100, 2),
            _ => (_dense, 784, 4),
        };
        int total = 0;
        int blocks = matrix.Length / width / rows;
        for (int i = 0; i < blocks; i++)
        {
            total += baseline
                ? SparseBaseline.UnionOfRows(matrix, width, i * rows, rows, 100, _positions, _values, _stride)
                : Sparse.UnionOfRows(matrix, width, i * rows, rows, 100, _positions, _values, _stride);
        }

        return total;
    }
}

/// <summary>A copy of <see cref="Sparse.UnionOfRows"/> before its 16-column AVX-512 path, to compare against.</summary>
internal static class SparseBaseline
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int UnionOfRows(ReadOnlySpan<float> matrix, int width, int firstRow, int rows, int scale, Span<int> positions, Span<float> values, int valueStride)
    {
        if ((uint)rows - 1 > 3 || width < 0 || firstRow < 0 || (long)(firstRow + rows) * width > matrix.Length
            || positions.Length < width + NetGen.Kernels.Sparse.Padding || valueStride < width + NetGen.Kernels.Sparse.Padding || values.Length < (rows - 1) * valueStride + width + NetGen.Kernels.Sparse.Padding)
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

    private static int Append(ref float first, int width, int rows, int column, int scale, ref int at, ref float value, int valueStride, int count)
    {
        Unsafe.Add(ref at, count) = column * scale;
        for (int t = 0; t < rows; t++)
            Unsafe.Add(ref value, t * valueStride + count) = Unsafe.Add(ref first, t * width + column);
        return count + 1;
    }
}

