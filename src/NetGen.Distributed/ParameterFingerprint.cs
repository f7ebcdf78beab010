using System;
using System.Runtime.InteropServices;

namespace NetGen.Distributed;

/// <summary>
/// A 64-bit FNV-1a hash of the bits of a parameter buffer: equal buffers give equal fingerprints, and a single
/// differing bit changes it (with probability 1 - 2^-64), so ranks can compare their parameters with one tiny allreduce.
/// </summary>
public static class ParameterFingerprint
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    /// <summary>The fingerprint of <paramref name="values"/>' bit patterns (so -0 and 0, or two NaNs, differ if their bits do).</summary>
    /// <param name="values">The buffer, e.g. a network's <c>Parameters</c>.</param>
    public static ulong Of(ReadOnlySpan<float> values)
    {
        ulong hash = OffsetBasis;
        foreach (uint bits in MemoryMarshal.Cast<float, uint>(values))
        {
            // Word-wise FNV-1a over the 32-bit patterns, mixed twice so neighbouring words do not cancel.
            hash = (hash ^ bits) * Prime;
            hash = (hash ^ (hash >> 29)) * Prime;
        }

        return hash;
    }
}
