namespace NetGen.Samples.CartPole;

/// <summary>How an environment step ended; the reward is always 1.</summary>
/// <param name="Terminated">The pole fell past 12 degrees or the cart left the 2.4 m track: no value after this state.</param>
/// <param name="Truncated">The episode reached its 500-step cap: the state still has a value, so the target bootstraps from it.</param>
public readonly record struct StepOutcome(bool Terminated, bool Truncated)
{
    /// <summary>Whether the episode is over, for either reason.</summary>
    public bool Done => Terminated || Truncated;
}
