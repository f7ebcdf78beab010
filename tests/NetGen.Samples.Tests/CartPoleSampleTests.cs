using System;
using System.Linq;
using NetGen.Initialization;
using NetGen.Samples.CartPole;

namespace NetGen.Samples.Tests;

/// <summary>
/// The CartPole DQN sample: the physics of CartPole-v1, a few hundred agent steps past the start of training
/// (deterministic for a seed, no allocation per step), the zero-error target of the untaken action, and the command line.
/// </summary>
public sealed class CartPoleSampleTests
{
    private const int StepsPastWarmUp = 400;

    [Fact]
    public void Agent_SameSeed_PlaysTheSameEpisodesAndEndsWithTheSameParameters()
    {
        (int[] returns, float[] parameters) first = Play(seed: 7);
        (int[] returns, float[] parameters) second = Play(seed: 7);
        (int[] returns, float[] parameters) other = Play(seed: 8);

        Assert.True(first.returns.Length >= 20, "a few hundred steps should end many short episodes");
        Assert.Equal(first.returns, second.returns);
        Assert.Equal(first.parameters, second.parameters); // bit for bit: float equality, no tolerance
        Assert.NotEqual(first.parameters, other.parameters);
    }

    [Fact]
    public void Agent_Step_AllocatesNothing_WhileActingAndTraining()
    {
        var settings = new DqnSettings();
        var agent = new DqnAgent(settings, seed: 3);
        while (agent.EnvironmentSteps < settings.LearningStarts + 50) // warm up: the JIT, the first training steps, resets
            agent.Step();
        long trainingSteps = agent.TrainingSteps;
        int episodesEnded = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < StepsPastWarmUp; i++)
            episodesEnded += agent.Step() >= 0 ? 1 : 0;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(trainingSteps + StepsPastWarmUp, agent.TrainingSteps); // every measured step trained
        Assert.True(episodesEnded > 0, "the measured steps should include an episode's end and reset");
    }

    [Fact]
    public void TargetsEqualToForward_GiveExactlyZeroLossAndGradients()
    {
        // The agent's trick for the untaken action: its target is the network's own Forward output, so its error is 0.
        var network = new QNetwork();
        network.Initialize(11);
        var random = new DeterministicRandom(5);
        float[] states = new float[DqnSettings.BatchSize * 4];
        for (int i = 0; i < states.Length; i++)
            states[i] = (float)random.NextGaussian();
        float[] targets = new float[DqnSettings.BatchSize * 2];
        network.Forward(states, targets, DqnSettings.BatchSize);

        float loss = network.Backward(states, targets, DqnSettings.BatchSize);

        Assert.Equal(0f, loss);
        Assert.All(network.Gradients.ToArray(), g => Assert.Equal(0f, g));
    }

    [Fact]
    public void Environment_StepsByTheCartPoleV1Equations_AndEndsPastTheThresholds()
    {
        // The reset draws, recomputed from the environment's stream, then Euler steps of the CartPole-v1 equations
        // (gravity 9.8, masses 1.0 and 0.1, half-length 0.5, force 10, tau 0.02) written out here independently.
        var env = new CartPoleEnvironment(42);
        float[] observation = new float[4];
        env.Reset(observation);
        var random = new DeterministicRandom(42);
        double[] s = Enumerable.Range(0, 4).Select(_ => -0.05 + 0.1 * random.NextDouble()).ToArray();
        Assert.Equal(s.Select(v => (float)v), observation);

        StepOutcome outcome = default;
        int steps = 0;
        while (!outcome.Done)
        {
            outcome = env.Step(1, observation); // always push right: the pole falls left within a few dozen steps
            steps++;
            double f = 10, cos = Math.Cos(s[2]), sin = Math.Sin(s[2]);
            double temp = (f + 0.05 * s[3] * s[3] * sin) / 1.1;
            double thetaAcc = (9.8 * sin - cos * temp) / (0.5 * (4.0 / 3.0 - 0.1 * cos * cos / 1.1));
            double xAcc = temp - 0.05 * thetaAcc * cos / 1.1;
            s = new[] { s[0] + 0.02 * s[1], s[1] + 0.02 * xAcc, s[2] + 0.02 * s[3], s[3] + 0.02 * thetaAcc };
            Assert.Equal(s.Select(v => (float)v), observation);
            bool outside = Math.Abs(s[0]) > 2.4 || Math.Abs(s[2]) > 12 * Math.PI / 180;
            Assert.Equal(outside, outcome.Terminated);
        }

        Assert.True(outcome.Terminated && !outcome.Truncated);
        Assert.InRange(steps, 5, 60);
        Assert.Equal(steps, env.EpisodeSteps);
    }

    [Fact]
    public void SolvedCriterion_NeedsAHundredEpisodesAveragingAtLeast475()
    {
        var log = new SolvedCriterion(300);
        for (int i = 0; i < 99; i++)
            log.Record(500);
        Assert.False(log.Solved); // 99 episodes are not enough
        log.Record(500);
        Assert.True(log.Solved);
        log.Record(0); // the window is the last 100: 99 x 500 + 0 = 495 on average
        Assert.Equal(495, log.MovingMean);
        for (int i = 0; i < 3; i++)
            log.Record(0);
        Assert.Equal(96 * 5, log.MovingMean); // 96 x 500 / 100 = 480
        log.Record(0);
        Assert.Equal(475, log.MovingMean);
        Assert.True(log.Solved);
        log.Record(499);
        Assert.False(log.Solved); // 474.99
    }

    [Fact]
    public void Sample_RunsWithAStepCap_PrintsProgressAndTheOutcome()
    {
        var result = SampleProcess.Run("NetGen.Samples.CartPole", TimeSpan.FromSeconds(60),
            "--seeds", "3,3", "--max-steps", "1500", "--progress", "10");
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        string[] outcomes = result.Output.Split('\n').Where(l => l.StartsWith("Seed 3: not solved in ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, outcomes.Length);
        Assert.Contains("1500 environment steps, 501 training steps", outcomes[0], StringComparison.Ordinal);
        Assert.Equal(outcomes[0][..outcomes[0].IndexOf("wall time", StringComparison.Ordinal)],
            outcomes[1][..outcomes[1].IndexOf("wall time", StringComparison.Ordinal)]); // the same episodes twice
        Assert.Contains("  seed 3 episode    10: return ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Solved 0 of 2 seeds.", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--seeds", "x")]
    [InlineData("--max-episodes", "0")]
    [InlineData("--progress")]
    [InlineData("--frobnicate")]
    public void BadOption_ExitsWith2(params string[] arguments)
    {
        var result = SampleProcess.Run("NetGen.Samples.CartPole", TimeSpan.FromSeconds(30), arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.NotEmpty(result.Error);
    }

    private static (int[] Returns, float[] Parameters) Play(ulong seed)
    {
        var settings = new DqnSettings();
        TrainingRun.Result run = TrainingRun.Run(settings, seed, maxEpisodes: 1000, maxSteps: settings.LearningStarts + StepsPastWarmUp,
            progressEvery: 0, System.IO.TextWriter.Null);
        Assert.Equal(StepsPastWarmUp + 1, run.TrainingSteps);
        return (run.Returns, run.FinalParameters);
    }
}
