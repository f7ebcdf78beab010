using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Package.Tests;

/// <summary>
/// Every diagnostic in the generator's catalog is tracked in the AnalyzerReleases files and listed in the README's
/// diagnostics table with the same severity, and neither lists an ID the catalog does not have.
/// </summary>
public sealed class DiagnosticCatalogTests
{
    /// <summary>The README heading above the diagnostics table.</summary>
    public const string ReadmeHeading = "## Diagnostics";

    /// <summary>The diagnostics table's columns, exactly.</summary>
    public static readonly IReadOnlyList<string> ReadmeColumns = ["ID", "Severity", "What it means", "Example", "Fix"];

    [Fact]
    public void Catalog_IdsAreWellFormedUniqueAndContiguous_CountingRemovedOnes()
    {
        IReadOnlyList<DiagnosticDescriptor> catalog = DiagnosticCatalog.Descriptors;
        AnalyzerReleases.Current(RepositoryPaths.GeneratorDirectory, out IReadOnlySet<string> removed);

        Assert.NotEmpty(catalog);
        Assert.All(catalog, d => Assert.Matches("^NG[0-9]{4}$", d.Id));
        Assert.All(catalog, d => Assert.Equal("NetGen", d.Category));
        Assert.Equal(catalog.Count, catalog.Select(d => d.Id).Distinct().Count());

        // IDs run from NG0001 without gaps and are never reused: a retired ID stays in a Removed Rules table.
        int[] numbers = catalog.Select(d => d.Id).Concat(removed).Select(Number).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, numbers.Length), numbers);
    }

    [Fact]
    public void Catalog_MatchesAnalyzerReleases_BothWays()
    {
        IReadOnlyDictionary<string, AnalyzerRule> released = AnalyzerReleases.Current(RepositoryPaths.GeneratorDirectory, out _);
        Dictionary<string, AnalyzerRule> catalog = CatalogRules(withCategory: true);

        Assert.Empty(Mismatches(catalog, released, "AnalyzerReleases.Shipped.md + AnalyzerReleases.Unshipped.md"));
    }

    [Fact]
    public void Catalog_MatchesReadmeDiagnosticsTable_BothWays()
    {
        MarkdownTable table = ReadmeTable();
        var listed = new Dictionary<string, AnalyzerRule>(StringComparer.Ordinal);
        foreach (string[] row in table.Rows)
        {
            string id = Plain(row[0]);
            Assert.False(listed.ContainsKey(id), $"README.md lists {id} twice");
            listed[id] = new AnalyzerRule(id, "", Plain(row[1]));
        }

        Assert.Empty(Mismatches(CatalogRules(withCategory: false), listed, "README.md " + ReadmeHeading));
    }

    [Fact]
    public void ReadmeDiagnosticsTable_HasTheAgreedColumns_AndEveryRowIsFilledIn()
    {
        MarkdownTable table = ReadmeTable();

        Assert.Equal(ReadmeColumns, table.Header);
        Assert.All(table.Rows, row =>
        {
            Assert.True(row.Length == ReadmeColumns.Count, $"README.md {ReadmeHeading}: a row with {row.Length} cells instead of {ReadmeColumns.Count}: | {string.Join(" | ", row)} |");
            Assert.All(row, cell => Assert.False(string.IsNullOrWhiteSpace(cell), $"README.md {ReadmeHeading}: an empty cell in | {string.Join(" | ", row)} |"));
            Assert.Contains("`", row[3], StringComparison.Ordinal); // the example is code
        });
    }

    private static MarkdownTable ReadmeTable()
    {
        MarkdownTable? table = new MarkdownDocument(File.ReadAllText(RepositoryPaths.Readme)).TableUnder(ReadmeHeading);
        Assert.True(table is not null, $"README.md has no table under '{ReadmeHeading}' (columns: | {string.Join(" | ", ReadmeColumns)} |)");
        return table;
    }

    private static Dictionary<string, AnalyzerRule> CatalogRules(bool withCategory) =>
        DiagnosticCatalog.Descriptors.ToDictionary(
            d => d.Id,
            d => new AnalyzerRule(d.Id, withCategory ? d.Category : "", d.DefaultSeverity.ToString()),
            StringComparer.Ordinal);

    private static List<string> Mismatches(Dictionary<string, AnalyzerRule> catalog, IReadOnlyDictionary<string, AnalyzerRule> listed, string where)
    {
        var problems = new List<string>();
        foreach (AnalyzerRule rule in catalog.Values.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            if (!listed.TryGetValue(rule.Id, out AnalyzerRule? found))
                problems.Add($"{rule.Id} ({rule.Severity}) is in the catalog but not in {where}");
            else if (!string.Equals(found.Severity, rule.Severity, StringComparison.OrdinalIgnoreCase) || found.Category != rule.Category)
                problems.Add($"{rule.Id} is {rule.Category} {rule.Severity} in the catalog but {found.Category} {found.Severity} in {where}");
        }

        foreach (string stale in listed.Keys.Except(catalog.Keys).Order(StringComparer.Ordinal))
            problems.Add($"{stale} is in {where} but not in the catalog ({DiagnosticCatalog.TypeName})");
        return problems;
    }

    private static string Plain(string cell) => cell.Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal).Trim();

    private static int Number(string id) => int.Parse(id.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture);
}
