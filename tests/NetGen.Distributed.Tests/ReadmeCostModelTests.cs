using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Distributed.Tests;

/// <summary>The README's two tables of "Where adding machines stops paying" are what <see cref="RingAllreduceModel"/> computes from its stated inputs.</summary>
public sealed class ReadmeCostModelTests
{
    // The README's inputs: measured compute per step (fixed µs, µs per row), parameter counts, and assumed links.
    private static readonly (string Name, double FixedMicroseconds, double RowMicroseconds, long Parameters)[] Networks =
    {
        ("784-100-10", ReadmeFigures.Fixed100, ReadmeFigures.Row100, 79_400),
        ("784-400-10", ReadmeFigures.Fixed400, ReadmeFigures.Row400, 317_600),
    };

    private static readonly (string Name, double BitsPerSecond, double LatencySeconds)[] Links =
    {
        ("10 Gbit/s", 10e9, 20e-6), ("25 Gbit/s", 25e9, 5e-6), ("100 Gbit/s", 100e9, 2e-6),
    };

    [Fact]
    public void ReadmeStatesTheComputeFiguresTheTablesUse()
    {
        string section = Section().ReplaceLineEndings(" "); // the sentence wraps
        foreach (var network in Networks)
            Assert.Contains($"{network.Name} ({network.Parameters:N0} parameters) {Format(network.FixedMicroseconds)} µs + {Format(network.RowMicroseconds)} µs per row", section, StringComparison.Ordinal);
    }

    [Fact]
    public void SpeedupTable_IsTheModels()
    {
        string[][] rows = Table(Section(), "| P |");
        int[] ranks = { 2, 4, 8, 16, 32, 64 };
        Assert.Equal(ranks.Length, rows.Length);
        for (int r = 0; r < ranks.Length; r++)
        {
            Assert.Equal($"{ranks[r]}", rows[r][0]);
            int column = 1;
            foreach (var network in Networks)
                foreach (var link in Links)
                    Assert.Equal($"{Model(network, link).Speedup(ranks[r], 100).ToString("F2", CultureInfo.InvariantCulture)}x", rows[r][column++]);
        }
    }

    [Fact]
    public void FastestTable_IsTheModels()
    {
        string[][] rows = Table(Section(), "| network |");
        Assert.Equal(Networks.Length * Links.Length, rows.Length);
        int r = 0;
        foreach (var network in Networks)
        {
            foreach (var link in Links)
            {
                RingAllreduceModel model = Model(network, link);
                int fastest100 = model.FastestRanks(100, 64), fastest1000 = model.FastestRanks(1000, 64);
                Assert.Equal(
                    new[] { network.Name, link.Name, $"{fastest100}", Speedup(model, fastest100, 100), $"{fastest1000}", Speedup(model, fastest1000, 1000) },
                    rows[r++]);
            }
        }
    }

    private static string Speedup(RingAllreduceModel model, int ranks, int batch) =>
        model.Speedup(ranks, batch).ToString("F2", CultureInfo.InvariantCulture) + "x";

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static RingAllreduceModel Model((string Name, double FixedMicroseconds, double RowMicroseconds, long Parameters) network, (string Name, double BitsPerSecond, double LatencySeconds) link) =>
        new(network.FixedMicroseconds * 1e-6, network.RowMicroseconds * 1e-6, network.Parameters, link.BitsPerSecond, link.LatencySeconds);

    private static string Section()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        int start = readme.IndexOf("### Where adding machines stops paying", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no 'Where adding machines stops paying' section.");
        int end = readme.IndexOf("### Measured here", start, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    /// <summary>The body rows (cells trimmed) of the first table whose header starts with <paramref name="header"/>.</summary>
    private static string[][] Table(string section, string header)
    {
        string[] lines = section.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith(header, StringComparison.Ordinal));
        Assert.True(at >= 0, $"No table starting '{header}' in the section.");
        return lines.Skip(at + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .ToArray();
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NetGen.sln")))
                return dir.FullName;
        throw new InvalidOperationException("NetGen.sln not found above " + AppContext.BaseDirectory);
    }
}
