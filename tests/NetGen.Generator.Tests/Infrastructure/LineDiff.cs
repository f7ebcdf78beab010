using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// A unified line diff (the <c>diff -u</c> format) of two texts, cut to the first few hunks so that a failing
/// snapshot shows what changed rather than a dump of both files.
/// </summary>
internal static class LineDiff
{
    // Past this many cells the longest-common-subsequence table is not worth it: show the middle as replaced.
    private const long MaxTableCells = 16_000_000;

    /// <summary>
    /// The diff from <paramref name="expected"/> to <paramref name="actual"/>, with <paramref name="context"/>
    /// unchanged lines around each change and at most <paramref name="maxHunks"/> hunks; empty when equal.
    /// </summary>
    public static string Unified(string expected, string actual, string expectedName, string actualName, int context = 3, int maxHunks = 3)
    {
        string[] a = SplitLines(expected);
        string[] b = SplitLines(actual);
        List<(char Kind, string Line)> edits = Edits(a, b);
        if (!edits.Exists(e => e.Kind != ' '))
            return string.Empty;

        var text = new StringBuilder();
        text.Append("--- ").Append(expectedName).Append('\n');
        text.Append("+++ ").Append(actualName).Append('\n');

        // Changes separated by at most 2 * context unchanged lines share a hunk.
        var changes = new List<int>();
        for (int i = 0; i < edits.Count; i++)
            if (edits[i].Kind != ' ')
                changes.Add(i);
        var hunks = new List<(int Start, int End)>();
        for (int k = 0; k < changes.Count; k++)
        {
            int first = changes[k];
            int last = first;
            while (k + 1 < changes.Count && changes[k + 1] - last - 1 <= 2 * context)
                last = changes[++k];
            hunks.Add((Math.Max(0, first - context), Math.Min(edits.Count - 1, last + context)));
        }

        for (int h = 0; h < hunks.Count && h < maxHunks; h++)
            AppendHunk(text, edits, hunks[h].Start, hunks[h].End);
        if (hunks.Count > maxHunks)
            text.Append("... ").Append(hunks.Count - maxHunks).Append(" more hunk(s) not shown\n");
        return text.ToString();
    }

    private static void AppendHunk(StringBuilder text, List<(char Kind, string Line)> edits, int start, int end)
    {
        // Line numbers of the hunk's first line in each file (1-based), counted from the edit script.
        int oldLine = 1, newLine = 1;
        for (int i = 0; i < start; i++)
        {
            if (edits[i].Kind != '+')
                oldLine++;
            if (edits[i].Kind != '-')
                newLine++;
        }

        int oldCount = 0, newCount = 0;
        for (int i = start; i <= end; i++)
        {
            if (edits[i].Kind != '+')
                oldCount++;
            if (edits[i].Kind != '-')
                newCount++;
        }

        text.Append(string.Create(CultureInfo.InvariantCulture, $"@@ -{(oldCount == 0 ? oldLine - 1 : oldLine)},{oldCount} +{(newCount == 0 ? newLine - 1 : newLine)},{newCount} @@\n"));
        for (int i = start; i <= end; i++)
            text.Append(edits[i].Kind).Append(edits[i].Line).Append('\n');
    }

    /// <summary>The edit script turning <paramref name="a"/> into <paramref name="b"/>: ' ' kept, '-' removed, '+' added.</summary>
    private static List<(char Kind, string Line)> Edits(string[] a, string[] b)
    {
        int prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
            prefix++;
        int suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
            suffix++;

        var edits = new List<(char, string)>(a.Length + b.Length);
        for (int i = 0; i < prefix; i++)
            edits.Add((' ', a[i]));

        int n = a.Length - prefix - suffix;
        int m = b.Length - prefix - suffix;
        if ((long)(n + 1) * (m + 1) > MaxTableCells)
        {
            for (int i = 0; i < n; i++)
                edits.Add(('-', a[prefix + i]));
            for (int j = 0; j < m; j++)
                edits.Add(('+', b[prefix + j]));
        }
        else
        {
            // lcs[i, j]: length of the longest common subsequence of a[prefix + i ..] and b[prefix + j ..].
            var lcs = new int[n + 1, m + 1];
            for (int i = n - 1; i >= 0; i--)
                for (int j = m - 1; j >= 0; j--)
                    lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

            int x = 0, y = 0;
            while (x < n || y < m)
            {
                if (x < n && y < m && a[prefix + x] == b[prefix + y])
                {
                    edits.Add((' ', a[prefix + x++]));
                    y++;
                }
                else if (y < m && (x == n || lcs[x, y + 1] > lcs[x + 1, y]))
                    edits.Add(('+', b[prefix + y++]));
                else
                    edits.Add(('-', a[prefix + x++]));
            }
        }

        for (int i = a.Length - suffix; i < a.Length; i++)
            edits.Add((' ', a[i]));
        return edits;
    }

    private static string[] SplitLines(string text)
    {
        if (text.Length == 0)
            return Array.Empty<string>();
        string[] lines = text.Split('\n');
        // A final newline ends the last line; it does not start an empty one.
        return text.EndsWith('\n') ? lines[..^1] : lines;
    }
}
