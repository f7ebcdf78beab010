using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Data;

/// <summary>
/// Raw bytes (pixels, sensor counts, one-hot flags read from a file) into the <see cref="float"/> inputs a network
/// takes, each byte divided by a scale: <c>destination[i] = source[i] / divisor</c>.
/// </summary>
/// <remarks>
/// The division is IEEE's, correctly rounded in every vector lane, so the result is bit-identical to the scalar
/// expression <c>source[i] / divisor</c>; with <c>divisor = 255f</c> it is exactly what <see cref="IdxReader"/> and
/// <see cref="ImageDataSet"/> make of MNIST's pixels. (Multiplying by <c>1f / 255</c> instead would differ in the last
/// bit for some bytes.)
/// </remarks>
/// <example>
/// <code>
/// float[] inputs = ByteConversion.ToFloats(rawPixels, divisor: 255f);   // [0, 255] -> [0, 1]
/// </code>
/// </example>
public static class ByteConversion
{
    /// <summary>Writes <c>source[i] / divisor</c> to <c>destination[i]</c> for every byte of <paramref name="source"/>.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="destination">Receives the floats; at least as long as <paramref name="source"/> (the rest is not touched).</param>
    /// <param name="divisor">What each byte is divided by, e.g. 255 for [0, 1]; finite and not zero.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="divisor"/> is zero, NaN or infinite.</exception>
    public static void Divide(ReadOnlySpan<byte> source, Span<float> destination, float divisor)
    {
        CheckDivisor(divisor);
        if (destination.Length < source.Length)
            throw new ArgumentException($"'destination' has {destination.Length} elements; expected at least source.Length ({source.Length}).", nameof(destination));
        DivideUnchecked(source, destination, divisor);
    }

    /// <summary>A new array of <c>source[i] / divisor</c>.</summary>
    /// <param name="source">The bytes.</param>
    /// <param name="divisor">What each byte is divided by, e.g. 255 for [0, 1]; finite and not zero.</param>
    /// <returns>One float per byte.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="divisor"/> is zero, NaN or infinite.</exception>
    public static float[] ToFloats(ReadOnlySpan<byte> source, float divisor)
    {
        CheckDivisor(divisor);
        float[] result = new float[source.Length];
        DivideUnchecked(source, result, divisor);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // Runs a few times per file: skip the slow tier-0 code.
    internal static void DivideUnchecked(ReadOnlySpan<byte> source, Span<float> destination, float divisor)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var divisors = new Vector<float>(divisor);
            int lanes = Vector<float>.Count;
            for (; i <= source.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out Vector<ushort> low, out Vector<ushort> high);
                Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
                (Vector.ConvertToSingle(a) / divisors).CopyTo(destination[i..]);
                (Vector.ConvertToSingle(b) / divisors).CopyTo(destination[(i + lanes)..]);
                (Vector.ConvertToSingle(c) / divisors).CopyTo(destination[(i + 2 * lanes)..]);
                (Vector.ConvertToSingle(d) / divisors).CopyTo(destination[(i + 3 * lanes)..]);
            }
        }

        for (; i < source.Length; i++)
            destination[i] = source[i] / divisor;
    }

    private static void CheckDivisor(float divisor)
    {
        if (divisor == 0 || !float.IsFinite(divisor))
            throw new ArgumentOutOfRangeException(nameof(divisor), divisor, "The divisor must be finite and not zero (255 maps bytes to [0, 1]).");
    }
}
