using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.Samples.CartPole;

// CartPole-v1 learned by DQN on a generated 4-64-64-2 network: one seed after another, each until the mean return of
// the last 100 episodes reaches 475 (solved) or the episode cap. Prints a progress line every N episodes and, per
// seed, the solving episode, the wall time and the mean time of one training step.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var seeds = new List<ulong> { 1, 2, 3, 4, 5 };
int maxEpisodes = 1000, progressEvery = 50;
long maxSteps = long.MaxValue;
var settings = new DqnSettings();
try
{
    for (int i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        switch (args[i])
        {
            case "--seeds": seeds = Value().Split(',').Select(s => ulong.Parse(s, CultureInfo.InvariantCulture)).ToList(); break;
            case "--max-episodes": maxEpisodes = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--max-steps": maxSteps = long.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--progress": progressEvery = int.Parse(Value(), CultureInfo.InvariantCulture); break;
            case "--lr": settings = settings with { LearningRate = float.Parse(Value(), CultureInfo.InvariantCulture) }; break;
            case "-h" or "--help":
                Console.WriteLine("Usage: dotnet run --project samples/CartPole -c Release -- [--seeds 1,2,3,4,5] [--max-episodes 1000] [--max-steps N] [--progress 50] [--lr 0.001]");
                return 0;
            default:
                Console.Error.WriteLine($"Unknown option '{args[i]}'; see --help.");
                return 2;
        }
    }

    if (maxEpisodes < 1 || maxSteps < 1 || progressEvery < 0 || seeds.Count == 0)
        throw new ArgumentException("--max-episodes and --max-steps must be at least 1, --progress at least 0, --seeds not empty.");
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"NetGen CartPole-v1 DQN: {QNetwork.Spec}");
Console.WriteLine($"{settings} batch {DqnSettings.BatchSize}; at most {maxEpisodes} episodes per seed");
int solved = 0;
foreach (ulong seed in seeds)
{
    TrainingRun.Result r = TrainingRun.Run(settings, seed, maxEpisodes, maxSteps, progressEvery, Console.Out);
    string outcome = r.Solved ? $"solved at episode {r.Episodes}" : $"not solved in {r.Episodes} episodes (mean of last 100 {r.MovingMean:F1})";
    Console.WriteLine($"Seed {seed}: {outcome}, {r.EnvironmentSteps} environment steps, {r.TrainingSteps} training steps, " +
        $"wall time {r.Seconds:F2} s, {r.MicrosecondsPerTrainingStep:F1} us per training step");
    solved += r.Solved ? 1 : 0;
}

Console.WriteLine($"Solved {solved} of {seeds.Count} seeds.");
return 0;
