using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetGen.Kernels;

/// <summary>
/// How generated kernels lay out a row of <c>units</c> floats as a block of <see cref="Vector{T}"/> registers, at
/// whatever width the runtime chose (4, 8 or 16 floats). Every result is a constant to the JIT (the arguments are
/// literals in the generated code and <c>Vector&lt;float&gt;.Count</c> is a JIT-time constant), so the branches the
/// generated code takes on them disappear from the compiled kernel.
/// </summary>
/// <remarks>
/// A kernel holds at most <c>maxVectors</c> accumulators per row. If the row needs no more (<see cref="OnePass"/>),
/// one pass covers it, and the last vector is moved back to end at the last unit, overlapping the one before when
/// <c>units</c> is not a multiple of the width. Otherwise the kernel makes passes of <c>maxVectors</c> full vectors
/// and moves the last pass back so that it ends at the last unit.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorBlock
{
    /// <summary>The vectors a row of <paramref name="units"/> floats needs, capped at <paramref name="maxVectors"/>: the accumulators one pass uses.</summary>
    /// <param name="units">The floats in a row, at least <c>Vector&lt;float&gt;.Count</c>.</param>
    /// <param name="maxVectors">The most accumulators the kernel holds per row.</param>
    /// <returns>The vectors per pass.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(int units, int maxVectors) => Math.Min(maxVectors, (units + Vector<float>.Count - 1) / Vector<float>.Count);

    /// <summary>Whether one pass of at most <paramref name="maxVectors"/> vectors covers a row of <paramref name="units"/> floats.</summary>
    /// <param name="units">The floats in a row.</param>
    /// <param name="maxVectors">The most accumulators the kernel holds per row.</param>
    /// <returns>True if a single pass covers the row.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool OnePass(int units, int maxVectors) => (units + Vector<float>.Count - 1) / Vector<float>.Count <= maxVectors;

    /// <summary>
    /// Where vector <paramref name="vector"/> of a pass starts, relative to the pass's first unit: <c>vector * Lanes</c>,
    /// except for the last vector of a single pass, which ends at the last unit (<c>units - Lanes</c>).
    /// </summary>
    /// <param name="vector">The vector's index in the pass.</param>
    /// <param name="units">The floats in a row.</param>
    /// <param name="maxVectors">The most accumulators the kernel holds per row.</param>
    /// <returns>The offset of the vector's first unit from the pass's first unit.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Offset(int vector, int units, int maxVectors) =>
        OnePass(units, maxVectors) && vector == Count(units, maxVectors) - 1 ? units - Vector<float>.Count : vector * Vector<float>.Count;

    /// <summary>
    /// Where the pass that would start at unit <paramref name="start"/> starts: there, or moved back so that it ends at
    /// the last unit (never before unit 0).
    /// </summary>
    /// <param name="start">The unit after the previous pass.</param>
    /// <param name="units">The floats in a row.</param>
    /// <param name="maxVectors">The most accumulators the kernel holds per row.</param>
    /// <returns>The first unit of the pass.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PassStart(int start, int units, int maxVectors) =>
        Math.Max(0, Math.Min(start, units - Count(units, maxVectors) * Vector<float>.Count));

    /// <summary>
    /// The lanes of a vector that a pass writes for the first time, for in-place updates that must not apply twice:
    /// every lane whose unit is at or after <paramref name="fresh"/> (the first unit not yet written).
    /// </summary>
    /// <param name="unit">The unit in the vector's first lane.</param>
    /// <param name="fresh">The first unit that no earlier vector wrote.</param>
    /// <returns>All bits set in the lanes to write, zero in the others.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> FreshLanes(int unit, int fresh) =>
        Vector.AsVectorSingle(Vector.GreaterThanOrEqual(Vector<int>.Indices, new Vector<int>(fresh - unit)));

    /// <summary>
    /// <paramref name="updated"/> in the lanes a pass writes for the first time (see <see cref="FreshLanes"/>), else
    /// <paramref name="old"/>: the value an in-place update stores. Most vectors overlap nothing and take no mask.
    /// </summary>
    /// <param name="unit">The unit in the vector's first lane.</param>
    /// <param name="fresh">The first unit that no earlier vector wrote.</param>
    /// <param name="updated">The new values.</param>
    /// <param name="old">The values in memory.</param>
    /// <returns>The vector to store.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Fresh(int unit, int fresh, Vector<float> updated, Vector<float> old) =>
        unit >= fresh ? updated : Vector.ConditionalSelect(FreshLanes(unit, fresh), updated, old);

    /// <summary>
    /// Stores <paramref name="value"/> at <c>destination[unit ..]</c> in the lanes where <c>gate[unit ..]</c> is positive,
    /// 0 in the others: the ReLU derivative <c>1{Z &gt; 0}</c> applied to a gradient on its way down.
    /// </summary>
    /// <param name="destination">The gradient row to write.</param>
    /// <param name="gate">The layer's output row (the ReLU's result).</param>
    /// <param name="unit">The unit in the vector's first lane.</param>
    /// <param name="value">The gradient before the derivative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreWherePositive(ref float destination, ref float gate, int unit, Vector<float> value) =>
        Vector.StoreUnsafe(
            Vector.ConditionalSelect(Vector.GreaterThan(Vector.LoadUnsafe(ref gate, (nuint)unit), Vector<float>.Zero), value, Vector<float>.Zero),
            ref destination,
            (nuint)unit);

    /// <summary>
    /// The SGD step of one vector of a weight row, in place: <c>row[unit ..] += step * gradient</c> (with
    /// <c>step = -learningRate</c>), in the lanes a pass writes for the first time (see <see cref="FreshLanes"/>).
    /// </summary>
    /// <param name="row">The weight row.</param>
    /// <param name="unit">The unit in the vector's first lane.</param>
    /// <param name="fresh">The first unit that no earlier vector wrote.</param>
    /// <param name="gradient">The gradient of the vector's weights.</param>
    /// <param name="step">The negated learning rate in every lane.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Apply(ref float row, int unit, int fresh, Vector<float> gradient, Vector<float> step)
    {
        Vector<float> old = Vector.LoadUnsafe(ref row, (nuint)unit);
        Vector.StoreUnsafe(Fresh(unit, fresh, Vector.MultiplyAddEstimate(gradient, step, old), old), ref row, (nuint)unit);
    }
}
