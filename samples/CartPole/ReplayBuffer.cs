using System;
using NetGen.Initialization;

namespace NetGen.Samples.CartPole;

/// <summary>
/// Experience replay: a ring of the last <c>capacity</c> transitions <c>(s, a, r, s', terminal)</c> in flat arrays
/// allocated once, and uniform sampling with replacement into caller-owned batch buffers.
/// </summary>
public sealed class ReplayBuffer
{
    private const int S = CartPoleEnvironment.ObservationSize;
    private readonly float[] _states;
    private readonly float[] _nextStates;
    private readonly int[] _actions;
    private readonly float[] _rewards;
    private readonly bool[] _terminal;
    private int _next;

    /// <summary>Allocates room for <paramref name="capacity"/> transitions.</summary>
    public ReplayBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _states = new float[capacity * S];
        _nextStates = new float[capacity * S];
        _actions = new int[capacity];
        _rewards = new float[capacity];
        _terminal = new bool[capacity];
    }

    /// <summary>The number of transitions held (at most the capacity).</summary>
    public int Count { get; private set; }

    /// <summary>Stores a transition, overwriting the oldest once full.</summary>
    public void Add(ReadOnlySpan<float> state, int action, float reward, ReadOnlySpan<float> nextState, bool terminal)
    {
        state.CopyTo(_states.AsSpan(_next * S, S));
        nextState.CopyTo(_nextStates.AsSpan(_next * S, S));
        _actions[_next] = action;
        _rewards[_next] = reward;
        _terminal[_next] = terminal;
        _next = (_next + 1) % _actions.Length;
        Count = Math.Min(Count + 1, _actions.Length);
    }

    /// <summary>Draws <c>actions.Length</c> transitions uniformly with replacement into the batch buffers.</summary>
    public void Sample(DeterministicRandom random, Span<float> states, Span<int> actions, Span<float> rewards, Span<float> nextStates, Span<bool> terminal)
    {
        for (int b = 0; b < actions.Length; b++)
        {
            int i = (int)(random.NextDouble() * Count);
            _states.AsSpan(i * S, S).CopyTo(states.Slice(b * S, S));
            _nextStates.AsSpan(i * S, S).CopyTo(nextStates.Slice(b * S, S));
            actions[b] = _actions[i];
            rewards[b] = _rewards[i];
            terminal[b] = _terminal[i];
        }
    }
}
