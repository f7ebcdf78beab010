using Xunit.Sdk;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// No fair comparison was found at these parameters (see <see cref="Conditioning"/> and <see cref="DescentPlan"/>):
/// the checks draw new initial parameters and try again, and report this only if that keeps happening.
/// </summary>
internal sealed class InconclusiveException(string message) : XunitException(message)
{
    /// <summary>How many sets of initial parameters a check tries before it reports the comparison as inconclusive.</summary>
    public const int Attempts = 5;
}
