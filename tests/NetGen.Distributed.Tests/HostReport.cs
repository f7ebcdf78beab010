using System;
using System.Globalization;
using System.Linq;

namespace NetGen.Distributed.Tests;

/// <summary>Reads the test host's "key: value" lines.</summary>
internal sealed class HostReport
{
    private readonly string[] _lines;

    public HostReport(string output)
    {
        _lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public string Text(string key)
    {
        string? line = _lines.FirstOrDefault(l => l.StartsWith(key + ": ", StringComparison.Ordinal));
        Assert.True(line is not null, $"The host printed no '{key}:' line:\n{string.Join('\n', _lines)}");
        return line![(key.Length + 2)..];
    }

    public string[] Words(string key) => Text(key).Split(' ');

    public double Number(string key) => double.Parse(Text(key), CultureInfo.InvariantCulture);

    public static double Parse(string word) => double.Parse(word, CultureInfo.InvariantCulture);
}
