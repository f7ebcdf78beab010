using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.SelfTests;

/// <summary>The harness's automatic checks are not vacuous: the steps they inspect exist and are tracked.</summary>
public sealed class GeneratorDriverHarnessTests
{
    private const string Network = """
        using NetGen;

        namespace Demo;

        [Network(4)]
        [Dense(3, Activation.ReLU)]
        [Dense(2)]
        public partial class Tiny { }
        """;

    [Fact]
    public void Run_TracksParseAndModelSteps_WhoseOutputsTheChecksInspect()
    {
        GeneratorRun run = GeneratorDriverHarness.Run(Network);

        ImmutableArray<IncrementalGeneratorRunStep> parse = run.Result.TrackedSteps[TrackingNames.Parse];
        ImmutableArray<IncrementalGeneratorRunStep> model = run.Result.TrackedSteps[TrackingNames.Model];
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(Assert.Single(parse).Outputs).Reason);
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(Assert.Single(model).Outputs).Reason);
        Assert.NotEmpty(run.Result.TrackedOutputSteps.SelectMany(o => o.Value));
    }

    [Fact]
    public void CompilationOfBrokenCode_FailsTheCompilesCleanCheck()
    {
        GeneratorRun run = GeneratorDriverHarness.RunOnBrokenCode(Network + "\nclass Broken { int x = \"s\"; }");

        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GeneratorDriverHarness.AssertCompilesClean(run));
    }
}
