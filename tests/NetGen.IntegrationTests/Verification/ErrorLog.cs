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

    /// <summary>The log every comparison in this process also reports to.</summary>
    public static ErrorLog Process { get; } = new();

    public void Record(string quantity, double error)
    {
        _worst.AddOrUpdate(quantity, error, (_, old) => Math.Max(old, error));
        if (!ReferenceEquals(this, Process))
            Process.Record(quantity, error);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var entry in _worst.OrderBy(e => e.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{entry.Key,-22} {entry.Value:E2}").Append('\n');
        return text.ToString();
    }
}
