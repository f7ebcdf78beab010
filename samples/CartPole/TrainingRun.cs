using System;
using System.Diagnostics;
using System.IO;

namespace NetGen.Samples.CartPole;

/// <summary>One seed's training, from a fresh agent until solved, the episode cap or the step cap.</summary>
public static class TrainingRun
{
    /// <summary>What a run reached.</summary>
    /// <param name="Seed">The seed.</param>
    /// <param name="Solved">Whether the last 100 episodes reached a mean return of 475.</param>
    /// <param name="Episodes">Episodes played (the solving episode, if solved).</param>
    /// <param name="EnvironmentSteps">Environment steps taken.</param>
    /// <param name="TrainingSteps">Training steps taken.</param>
    /// <param name="Seconds">Wall time of the whole run.</param>
    /// <param name="MicrosecondsPerTrainingStep">Mean time of one training step (sampling, three passes, Adam).</param>
    /// <param name="MovingMean">The mean return of the last 100 episodes at the end.</param>
    /// <param name="Returns">Every episode's return.</param>
    /// <param name="FinalParameters">The online network's parameters at the end.</param>
    public sealed record Result(ulong Seed, bool Solved, int Episodes, long EnvironmentSteps, long TrainingSteps, double Seconds,
        double MicrosecondsPerTrainingStep, double MovingMean, int[] Returns, float[] FinalParameters);

    /// <summary>Trains one agent, printing a progress line every <paramref name="progressEvery"/> episodes (0: none).</summary>
    public static Result Run(DqnSettings settings, ulong seed, int maxEpisodes, long maxSteps, int progressEvery, TextWriter output)
    {
        long started = Stopwatch.GetTimestamp();
        var agent = new DqnAgent(settings, seed);
        var log = new SolvedCriterion(maxEpisodes);
        while (!log.Solved && !log.Full && agent.EnvironmentSteps < maxSteps)
        {
            int episodeReturn = agent.Step();
            if (episodeReturn < 0)
                continue;
            log.Record(episodeReturn);
            if (progressEvery > 0 && log.Episodes % progressEvery == 0)
            {
                output.WriteLine($"  seed {seed} episode {log.Episodes,5}: return {episodeReturn,3}, mean of last 100 {log.MovingMean,6:F1}, " +
                    $"epsilon {agent.Epsilon:F3}, steps {agent.EnvironmentSteps,7}, loss {agent.LastLoss:G3}, {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            }
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double perStep = agent.TrainingSteps == 0 ? double.NaN : agent.TrainingTicks * 1e6 / Stopwatch.Frequency / agent.TrainingSteps;
        return new Result(seed, log.Solved, log.Episodes, agent.EnvironmentSteps, agent.TrainingSteps, seconds, perStep, log.MovingMean, log.Returns.ToArray(),
            agent.Online.Parameters.ToArray());
    }
}
