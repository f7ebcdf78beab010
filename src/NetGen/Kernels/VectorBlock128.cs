using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// <see cref="VectorBlock"/> for 128-bit vectors of 4 floats: the layout generated kernels use for a layer narrower than
/// <c>Vector&lt;float&gt;</c> (a 10-unit output layer when <c>Vector&lt;float&gt;</c> holds 16), which would otherwise
/// fall back to one float at a time. <see cref="Vector128{T}"/> is hardware-accelerated on every x64 and Arm64 machine.
/// </summary>
/// <remarks>
/// A kernel holds at most <c>maxVectors</c> accumulators per row. If the row needs no more (<see cref="OnePass"/>),
/// one pass covers it, and the last vector is moved back to end at the last unit, overlapping the one before when
/// <c>units</c> is not a multiple of the width. Otherwise the kernel makes passes of <c>maxVectors</c> full vectors
/// and moves the last pass back so that it ends at the last unit.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorBlock128
{
    /// <summary>The vectors a row of <paramref name="units"/> floats needs, capped at <paramref name="maxVectors"/>: the accumulators one pass uses.</summary>
    /// <param name="units">The floats in a row, at least <c>Vector&lt;float&gt;.Count</c>.</param>
    /// <param name="maxVectors">The most accumulators the kernel holds per row.</param>
    /// <returns>The vectors per pass.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count(int units, int maxVectors) => Math.Min(maxVectors, (units + Vector128<float>.Count - 1) / Vector128<float>.Count);

    /// <summary>Whether one pass of at most <paramref name="maxVectors"/> vectors covers a row of <paramref name="units"/> floats.</summary>
    /// <param name="units">The floats in a row.</param>
    /// <param name="maxVectors">The most accumulators the kernel holds per row.</param>
    /// <returns>True if a single pass covers the row.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool OnePass(int units, int maxVectors) => (units + Vector128<float>.Count - 1) / Vector128<float>.Count <= maxVectors;

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
        OnePass(units, maxVectors) && vector == Count(units, maxVectors) - 1 ? units - Vector128<float>.Count : vector * Vector128<float>.Count;

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
        Math.Max(0, Math.Min(start, units - Count(units, maxVectors) * Vector128<float>.Count));

    /// <summary>
    /// The lanes of a vector that a pass writes for the first time, for in-place updates that must not apply twice:
    /// every lane whose unit is at or after <paramref name="fresh"/> (the first unit not yet written).
    /// </summary>
    /// <param name="unit">The unit in the vector's first lane.</param>
    /// <param name="fresh">The first unit that no earlier vector wrote.</param>
    /// <returns>All bits set in the lanes to write, zero in the others.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FreshLanes(int unit, int fresh) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(fresh - unit)).AsSingle();

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
    public static Vector128<float> Fresh(int unit, int fresh, Vector128<float> updated, Vector128<float> old) =>
        unit >= fresh ? updated : Vector128.ConditionalSelect(FreshLanes(unit, fresh), updated, old);

    /// <summary>
    /// Stores <paramref name="value"/> at <c>destination[unit ..]</c> in the lanes where <c>gate[unit ..]</c> is positive,
    /// 0 in the others: the ReLU derivative <c>1{Z &gt; 0}</c> applied to a gradient on its way down.
    /// </summary>
    /// <param name="destination">The gradient row to write.</param>
    /// <param name="gate">The layer's output row (the ReLU's result).</param>
    /// <param name="unit">The unit in the vector's first lane.</param>
    /// <param name="value">The gradient before the derivative.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreWherePositive(ref float destination, ref float gate, int unit, Vector128<float> value) =>
        Vector128.StoreUnsafe(
            Vector128.ConditionalSelect(Vector128.GreaterThan(Vector128.LoadUnsafe(ref gate, (nuint)unit), Vector128<float>.Zero), value, Vector128<float>.Zero),
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
    public static void Apply(ref float row, int unit, int fresh, Vector128<float> gradient, Vector128<float> step)
    {
        Vector128<float> old = Vector128.LoadUnsafe(ref row, (nuint)unit);
        Vector128.StoreUnsafe(Fresh(unit, fresh, Vector128.MultiplyAddEstimate(gradient, step, old), old), ref row, (nuint)unit);
    }
}
