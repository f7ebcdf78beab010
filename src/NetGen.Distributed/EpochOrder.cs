using System;

namespace NetGen.Distributed;

/// <summary>
/// The order of the rows in a shuffled epoch: a permutation drawn from a seed, the same on every rank and every
/// machine, so that a single process can also reproduce a distributed epoch. Allocates nothing.
/// </summary>
public static class EpochOrder
{
    /// <summary>Fills <paramref name="order"/> with a permutation of <c>0..order.Length-1</c> drawn from <paramref name="seed"/> (Fisher-Yates over SplitMix64).</summary>
    /// <param name="order">Receives the row indices, in the order the epoch visits them.</param>
    /// <param name="seed">The seed; use a different one per epoch (e.g. a base seed plus the epoch's number).</param>
    public static void Shuffle(Span<int> order, ulong seed)
    {
        for (int i = 0; i < order.Length; i++)
            order[i] = i;
        ulong state = seed;
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = (int)(SplitMix64(ref state) % (ulong)(i + 1)); // modulo bias below 2^-32 for any row count
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    // SplitMix64 (Steele, Lea and Flood, 2014): integer-only, so the permutation is the same bits on every machine.
    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
