using System;
using System.Linq;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.SelfTests;

/// <summary>The unified diff shown by a failing snapshot.</summary>
public sealed class LineDiffTests
{
    [Fact]
    public void EqualTexts_HaveNoDiff() => Assert.Empty(LineDiff.Unified("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void InsertionAndRemoval_AreShownWithContextAndLineNumbers()
    {
        string diff = LineDiff.Unified("a\nb\nc\nd\n", "a\nc\nd\ne\n", "old", "new", context: 1);

        Assert.Equal("--- old\n+++ new\n@@ -1,4 +1,4 @@\n a\n-b\n c\n d\n+e\n", diff);
    }

    [Fact]
    public void DistantChanges_AreSeparateHunks_CutAfterMaxHunks()
    {
        string expected = string.Join("\n", Enumerable.Range(1, 40).Select(i => "l" + i)) + "\n";
        string actual = expected.Replace("l5\n", "L5\n", StringComparison.Ordinal)
            .Replace("l20\n", "L20\n", StringComparison.Ordinal)
            .Replace("l35\n", "L35\n", StringComparison.Ordinal);

        string diff = LineDiff.Unified(expected, actual, "old", "new", context: 1, maxHunks: 2);

        Assert.Contains("@@ -4,3 +4,3 @@\n l4\n-l5\n+L5\n l6\n", diff, StringComparison.Ordinal);
        Assert.Contains("@@ -19,3 +19,3 @@\n l19\n-l20\n+L20\n l21\n", diff, StringComparison.Ordinal);
        Assert.DoesNotContain("L35", diff, StringComparison.Ordinal);
        Assert.EndsWith("... 1 more hunk(s) not shown\n", diff, StringComparison.Ordinal);
    }
}
