namespace NetGen.Samples.CartPole;

/// <summary>
/// The DQN's hyperparameters. <c>cartpole_torch.py</c> uses the same values; change both together.
/// </summary>
public sealed record DqnSettings
{
    /// <summary>Transitions per training step (the network's <c>MaxBatch</c>).</summary>
    public const int BatchSize = 64;

    /// <summary>Adam's step size.</summary>
    public float LearningRate { get; init; } = 1e-3f;

    /// <summary>The discount of future rewards.</summary>
    public float Gamma { get; init; } = 0.99f;

    /// <summary>Transitions the replay memory holds.</summary>
    public int ReplayCapacity { get; init; } = 50_000;

    /// <summary>Environment steps taken before the first training step (the replay memory warms up).</summary>
    public int LearningStarts { get; init; } = 1_000;

    /// <summary>Training steps between copies of the online network's parameters into the target network.</summary>
    public int TargetUpdateInterval { get; init; } = 500;

    /// <summary>Epsilon at the first step.</summary>
    public float EpsilonStart { get; init; } = 1f;

    /// <summary>Epsilon after <see cref="EpsilonDecaySteps"/>, and from then on.</summary>
    public float EpsilonEnd { get; init; } = 0.01f;

    /// <summary>Environment steps over which epsilon falls linearly from start to end.</summary>
    public int EpsilonDecaySteps { get; init; } = 10_000;
}
