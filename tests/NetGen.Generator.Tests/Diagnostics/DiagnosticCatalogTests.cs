using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>The descriptor catalog (R9): ids contiguous and unique, one category, and release tracking in sync.</summary>
public sealed class DiagnosticCatalogTests
{
    private static DiagnosticDescriptor[] Descriptors =>
        typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Ids_AreContiguousFromNG0001()
    {
        string[] expected = Enumerable.Range(1, Descriptors.Length).Select(i => "NG" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal(expected, Descriptors.Select(d => d.Id).ToArray());
    }

    [Fact]
    public void Descriptors_HaveOneCategory_ATitle_ADescription_AndAreOnByDefault()
    {
        Assert.All(Descriptors, d =>
        {
            Assert.Equal("NetGen", d.Category);
            Assert.False(string.IsNullOrWhiteSpace(d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.False(string.IsNullOrWhiteSpace(d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(d.IsEnabledByDefault);
            Assert.True(d.DefaultSeverity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning);
        });
    }

    [Fact]
    public void UnshippedReleaseFile_ListsExactlyTheDescriptors()
    {
        string[] rows = ReleaseRows(Path.Combine(RepositoryPaths.GeneratorDirectory, "AnalyzerReleases.Unshipped.md"));

        string[] expected = Descriptors.Select(d => d.Id + " | " + d.Category + " | " + d.DefaultSeverity).ToArray();
        Assert.Equal(expected, rows.Select(r => string.Join(" | ", r.Split('|').Take(3).Select(c => c.Trim()))).ToArray());
        Assert.All(rows, r => Assert.False(string.IsNullOrWhiteSpace(r.Split('|')[3]), "Every row has a note: " + r));
    }

    [Fact]
    public void ShippedReleaseFile_HasNoRulesYet()
    {
        Assert.Empty(ReleaseRows(Path.Combine(RepositoryPaths.GeneratorDirectory, "AnalyzerReleases.Shipped.md")));
    }

    /// <summary>The table rows of a release-tracking file (lines starting with a rule id), in file order.</summary>
    private static string[] ReleaseRows(string path)
    {
        var rows = new List<string>();
        foreach (string line in File.ReadAllLines(path))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith("NG", StringComparison.Ordinal) && trimmed.Contains('|', StringComparison.Ordinal))
                rows.Add(trimmed);
        }

        return rows.ToArray();
    }
}
