using System;
using NetGen.Initialization;

namespace NetGen.Samples.CartPole;

/// <summary>
/// Deep Q-learning (Mnih et al., 2015) on CartPole with generated networks: epsilon-greedy actions from the online
/// <see cref="QNetwork"/>, experience replay, a target network that is a copy of the online network's
/// <c>Parameters</c> refreshed every <see cref="DqnSettings.TargetUpdateInterval"/> training steps, one Adam step on
/// a replayed minibatch per environment step. Everything is allocated at construction; <see cref="Step"/> allocates nothing.
/// </summary>
/// <remarks>
/// The loss is the squared error on the taken action's value, <c>mean_b (Q(s_b, a_b) - y_b)^2</c> with
/// <c>y = r + gamma (1 - terminal) max_a' Q_target(s', a')</c>. The generated regressor takes a target for every
/// output, so the target of the action not taken is set to the online network's own prediction for it (from a
/// <c>Forward</c> on the same rows with the same parameters, bit-identical to the forward pass inside
/// <c>Backward</c>): its error, and so its gradient, is exactly zero, and the gradient is exactly that of the
/// taken action's squared error. The price is one extra forward pass per training step.
/// </remarks>
public sealed class DqnAgent
{
    private const int S = CartPoleEnvironment.ObservationSize;
    private const int A = QNetwork.OutputSize;
    private const int B = DqnSettings.BatchSize;

    private readonly DqnSettings _settings;
    private readonly CartPoleEnvironment _environment;
    private readonly QNetwork _online = new();
    private readonly QNetwork _target = new();
    private readonly Adam _adam;
    private readonly ReplayBuffer _replay;
    private readonly DeterministicRandom _random;

    private readonly float[] _state = new float[S];
    private readonly float[] _nextState = new float[S];
    private readonly float[] _actionValues = new float[A];
    private readonly float[] _batchStates = new float[B * S];
    private readonly float[] _batchNextStates = new float[B * S];
    private readonly int[] _batchActions = new int[B];
    private readonly float[] _batchRewards = new float[B];
    private readonly bool[] _batchTerminal = new bool[B];
    private readonly float[] _nextValues = new float[B * A];
    private readonly float[] _targets = new float[B * A];
    private int _episodeReturn;

    /// <summary>
    /// Creates the agent for <paramref name="seed"/>: the networks' initialization, the environment's resets and the
    /// agent's own stream (exploration, replay sampling) all derive from it.
    /// </summary>
    public DqnAgent(DqnSettings settings, ulong seed)
    {
        _settings = settings;
        _online.Initialize(seed);
        _online.Parameters.CopyTo(_target.Parameters);
        _adam = new Adam(QNetwork.ParameterCount, settings.LearningRate);
        _replay = new ReplayBuffer(settings.ReplayCapacity);
        _environment = new CartPoleEnvironment(seed + 1);
        _random = new DeterministicRandom(seed + 2);
        _environment.Reset(_state);
    }

    /// <summary>Environment steps taken so far.</summary>
    public long EnvironmentSteps { get; private set; }

    /// <summary>Training steps taken so far.</summary>
    public long TrainingSteps { get; private set; }

    /// <summary>Stopwatch ticks spent in training steps (sampling, the three passes, Adam, the target copy).</summary>
    public long TrainingTicks { get; private set; }

    /// <summary>The loss of the last training step (NaN before the first).</summary>
    public float LastLoss { get; private set; } = float.NaN;

    /// <summary>The exploration rate for the next step.</summary>
    public float Epsilon =>
        EnvironmentSteps >= _settings.EpsilonDecaySteps
            ? _settings.EpsilonEnd
            : _settings.EpsilonStart + (_settings.EpsilonEnd - _settings.EpsilonStart) * EnvironmentSteps / _settings.EpsilonDecaySteps;

    /// <summary>The online network (read it; training owns it).</summary>
    public QNetwork Online => _online;

    /// <summary>
    /// One environment step (an epsilon-greedy action, the transition stored) and, once the replay memory has warmed
    /// up, one training step. Allocates nothing.
    /// </summary>
    /// <returns>The return of the episode that this step ended, or -1 if the episode goes on.</returns>
    public int Step()
    {
        int action = _random.NextDouble() < Epsilon ? (int)(_random.NextUInt64() & 1) : Greedy(_state);
        StepOutcome outcome = _environment.Step(action, _nextState);
        _replay.Add(_state, action, 1f, _nextState, outcome.Terminated);
        _episodeReturn++;
        EnvironmentSteps++;
        if (EnvironmentSteps >= _settings.LearningStarts)
            Train();

        if (!outcome.Done)
        {
            _nextState.CopyTo(_state, 0);
            return -1;
        }

        int episodeReturn = _episodeReturn;
        _episodeReturn = 0;
        _environment.Reset(_state);
        return episodeReturn;
    }

    /// <summary>The action with the larger value under the online network (the lower index on a tie).</summary>
    public int Greedy(ReadOnlySpan<float> state)
    {
        _online.Forward(state, _actionValues, 1);
        return _actionValues[1] > _actionValues[0] ? 1 : 0;
    }

    private void Train()
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        _replay.Sample(_random, _batchStates, _batchActions, _batchRewards, _batchNextStates, _batchTerminal);
        _target.Forward(_batchNextStates, _nextValues, B);
        _online.Forward(_batchStates, _targets, B); // every target starts as the prediction: zero error
        float gamma = _settings.Gamma;
        for (int b = 0; b < B; b++)
        {
            float bootstrap = _batchTerminal[b] ? 0f : gamma * MathF.Max(_nextValues[b * A], _nextValues[b * A + 1]);
            _targets[b * A + _batchActions[b]] = _batchRewards[b] + bootstrap; // only the taken action's error is non-zero
        }

        LastLoss = _online.Backward(_batchStates, _targets, B);
        _adam.Step(_online.Parameters, _online.Gradients);
        TrainingSteps++;
        if (TrainingSteps % _settings.TargetUpdateInterval == 0)
            _online.Parameters.CopyTo(_target.Parameters);
        TrainingTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
    }
}
