namespace NetGen.Training;

/// <summary>What <see cref="GradientHealth"/> says about one layer's gradient norm; see <see cref="GradientHealth"/> for the rule.</summary>
public enum GradientWarning
{
    /// <summary>Within three orders of magnitude of the output layer's and of its neighbors'.</summary>
    None,

    /// <summary>More than <see cref="GradientHealth.WarningRatio"/> times below the output layer's, or below its neighbors'.</summary>
    Vanishing,

    /// <summary>More than <see cref="GradientHealth.WarningRatio"/> times above the output layer's, or above its neighbors'.</summary>
    Exploding,
}
