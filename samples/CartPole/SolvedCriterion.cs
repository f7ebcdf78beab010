using System;

namespace NetGen.Samples.CartPole;

/// <summary>
/// The usual "solved" test for <c>CartPole-v1</c>: the mean return over the last 100 episodes is at least 475.
/// Keeps the returns of every episode (room allocated once) and the running sum of the last 100.
/// </summary>
public sealed class SolvedCriterion
{
    /// <summary>Episodes in the moving window.</summary>
    public const int Window = 100;

    /// <summary>The mean return over the window that counts as solved.</summary>
    public const double Threshold = 475;

    private readonly int[] _returns;
    private long _windowSum;

    /// <summary>Makes room for <paramref name="maxEpisodes"/> episodes.</summary>
    public SolvedCriterion(int maxEpisodes) => _returns = new int[maxEpisodes];

    /// <summary>Episodes recorded.</summary>
    public int Episodes { get; private set; }

    /// <summary>The returns recorded, in order.</summary>
    public ReadOnlySpan<int> Returns => _returns.AsSpan(0, Episodes);

    /// <summary>The mean return of the last (up to) 100 episodes; NaN before the first.</summary>
    public double MovingMean => Episodes == 0 ? double.NaN : (double)_windowSum / Math.Min(Episodes, Window);

    /// <summary>Whether 100 episodes have been recorded and their mean reaches the threshold.</summary>
    public bool Solved => Episodes >= Window && MovingMean >= Threshold;

    /// <summary>Whether the room for episodes is used up.</summary>
    public bool Full => Episodes == _returns.Length;

    /// <summary>Records an episode's return.</summary>
    public void Record(int episodeReturn)
    {
        _returns[Episodes] = episodeReturn;
        _windowSum += episodeReturn;
        if (Episodes >= Window)
            _windowSum -= _returns[Episodes - Window];
        Episodes++;
    }
}
