using System;

namespace NetGen.Initialization;

/// <summary>
/// The random number generator behind every seeded initializer: the same seed gives the same sequence on every
/// machine, operating system and .NET runtime.
/// </summary>
/// <remarks>
/// <para>Algorithm, fixed as part of the contract (changing it changes every seeded network):</para>
/// <list type="bullet">
/// <item>State: xoshiro256** (Blackman and Vigna, 2018), four 64-bit words seeded by four successive outputs of
/// SplitMix64 started at the seed.</item>
/// <item><see cref="NextDouble"/>: the top 53 bits of the next output times 2^-53, uniform on [0, 1).</item>
/// <item><see cref="NextGaussian"/>: Marsaglia's polar method on pairs <c>u, v = 2 NextDouble() - 1</c>, rejecting
/// <c>s = u^2 + v^2</c> outside (0, 1); it returns <c>u f</c> and then <c>v f</c> with
/// <c>f = sqrt(-2 log(s) / s)</c>, where the logarithm is computed from IEEE-754 arithmetic alone so that no C
/// runtime's <c>log</c> can change a bit.</item>
/// </list>
/// </remarks>
public sealed class DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    /// <summary>Starts the sequence for <paramref name="seed"/>.</summary>
    /// <param name="seed">Any 64-bit value; 0 is fine.</param>
    public DeterministicRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal double (mean 0, variance 1).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);

        double f = Math.Sqrt(-2 * DeterministicMath.Log(s) / s);
        _spareGaussian = v * f;
        _hasSpare = true;
        return u * f;
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
