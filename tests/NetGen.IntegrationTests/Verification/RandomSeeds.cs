using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NetGen.IntegrationTests.RandomNetworks;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// The seeds of the random-declaration tests: a fixed set, so that every run (and CI) checks the same networks, plus
/// one seed that changes once a day (the days since 2000-01-01, UTC), so that new networks keep being tried; the test
/// prints it. <see cref="SeedVariable"/> replaces the daily seed, to replay a day's run.
/// </summary>
internal static class RandomSeeds
{
    /// <summary>The environment variable that replaces the daily seed.</summary>
    public const string SeedVariable = "NETGEN_RANDOM_SEED";

    /// <summary>The seeds every run uses.</summary>
    public static readonly int[] Fixed = [11, 2024, 31337, 909_091];

    /// <summary>Today's seed (UTC), or the one <see cref="SeedVariable"/> names.</summary>
    public static int Daily
    {
        get
        {
            string? replay = Environment.GetEnvironmentVariable(SeedVariable);
            return replay is null
                ? (int)(DateTime.UtcNow.Date - new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)).TotalDays
                : int.Parse(replay, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// <paramref name="count"/> declarations, shared out over the fixed seeds and the daily one (the daily seed draws
    /// the remainder), each with the seed that drew it; class names are numbered across the whole set.
    /// </summary>
    public static (RandomDeclaration Declaration, int Seed)[] Draw(int count, int daily)
    {
        int[] seeds = [.. Fixed, daily];
        var declarations = new List<(RandomDeclaration, int)>(count);
        int each = count / seeds.Length;
        for (int s = 0; s < seeds.Length; s++)
        {
            var random = new Random(seeds[s]);
            int take = s == seeds.Length - 1 ? count - declarations.Count : each;
            for (int i = 0; i < take; i++)
                declarations.Add((RandomDeclaration.Draw(declarations.Count, random), seeds[s]));
        }

        return declarations.ToArray();
    }

    /// <summary>How a run names its seeds in its output and failure messages.</summary>
    public static string Describe(int daily) =>
        string.Create(CultureInfo.InvariantCulture, $"fixed seeds {string.Join(", ", Fixed)} and daily seed {daily} (replay a day with {SeedVariable}={daily})");
}
