using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace NetGen.Package.Tests;

/// <summary>
/// Reads the release-tracking files (<c>AnalyzerReleases.Shipped.md</c>, then <c>AnalyzerReleases.Unshipped.md</c>)
/// the way the release-tracking analyzer does: each release's New, Removed and Changed Rules tables, applied in order.
/// </summary>
internal static class AnalyzerReleases
{
    /// <summary>The rules in force after every shipped release and the unshipped one, by ID.</summary>
    /// <param name="generatorDirectory">The folder holding both files.</param>
    /// <param name="removed">Receives the IDs that some release removed.</param>
    /// <returns>The current rules by ID.</returns>
    public static IReadOnlyDictionary<string, AnalyzerRule> Current(string generatorDirectory, out IReadOnlySet<string> removed)
    {
        var rules = new Dictionary<string, AnalyzerRule>(StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
            Apply(Path.Combine(generatorDirectory, file), rules, gone);
        removed = gone;
        return rules;
    }

    private static void Apply(string path, Dictionary<string, AnalyzerRule> rules, HashSet<string> removed)
    {
        string section = "";
        foreach (string raw in File.ReadAllLines(path))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith(';'))
                continue;
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                section = line[4..].Trim();
                continue;
            }

            if (line.StartsWith('#') || !line.Contains('|', StringComparison.Ordinal))
                continue;
            string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells[0] == "Rule ID" || cells[0].All(c => c is '-' or ':'))
                continue;

            string id = cells[0];
            switch (section)
            {
                case "New Rules":
                    Assert.False(rules.ContainsKey(id), $"{path}: {id} is added twice");
                    rules[id] = new AnalyzerRule(id, cells[1], cells[2]);
                    break;
                case "Removed Rules":
                    Assert.True(rules.Remove(id), $"{path}: {id} is removed but was never added");
                    removed.Add(id);
                    break;
                case "Changed Rules":
                    Assert.True(rules.ContainsKey(id), $"{path}: {id} is changed but was never added");
                    rules[id] = new AnalyzerRule(id, cells[1], cells[2]); // New Category | New Severity | Old ...
                    break;
                default:
                    Assert.Fail($"{path}: a rule row outside a New/Removed/Changed Rules table: {raw}");
                    break;
            }
        }
    }
}
