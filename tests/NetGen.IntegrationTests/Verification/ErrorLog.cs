using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NetGen.IntegrationTests.Verification;

/// <summary>Records the worst relative error seen per quantity, for the test output and the child processes' reports.</summary>
internal sealed class ErrorLog
{
    private readonly ConcurrentDictionary<string, double> _worst = new(StringComparer.Ordinal);
    private readonly ErrorLog? _parent;
    private double _closest;

    /// <summary>A log that also reports to <see cref="Process"/>.</summary>
    public ErrorLog()
        : this(null)
    {
    }

    private ErrorLog(ErrorLog? parent) => _parent = parent ?? (Process is null ? null : Process);

    /// <summary>The log every comparison in this process also reports to.</summary>
    public static ErrorLog Process { get; } = new(null);

    /// <summary>The largest error seen as a fraction of its tolerance: how close the closest call came to failing.</summary>
    public double Closest => _closest;

    /// <summary>A log that also reports here (and on to <see cref="Process"/>).</summary>
    public ErrorLog Child() => new(this);

    public void Record(string quantity, double error, double tolerance)
    {
        _worst.AddOrUpdate(quantity, error, (_, old) => Math.Max(old, error));
        lock (_worst)
            _closest = Math.Max(_closest, error / tolerance);
        _parent?.Record(quantity, error, tolerance);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var entry in _worst.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{entry.Key,-22} {entry.Value:E2}").Append('\n');
        return text.ToString();
    }
}
