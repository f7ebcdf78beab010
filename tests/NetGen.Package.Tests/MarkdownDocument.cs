using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace NetGen.Package.Tests;

/// <summary>Just enough Markdown for the README checks: fenced code blocks and pipe tables under a heading.</summary>
internal sealed partial class MarkdownDocument
{
    private readonly string[] _lines;

    /// <summary>Splits <paramref name="text"/> into lines (any line ending).</summary>
    /// <param name="text">The Markdown source.</param>
    public MarkdownDocument(string text) => _lines = text.ReplaceLineEndings("\n").Split('\n');

    /// <summary>The contents of every fenced code block whose info string is <paramref name="language"/>, in order.</summary>
    /// <param name="language">The info string, e.g. <c>csharp</c>.</param>
    /// <returns>Each block's lines joined with <c>\n</c>, without the fences.</returns>
    public IReadOnlyList<string> CodeBlocks(string language)
    {
        var blocks = new List<string>();
        for (int i = 0; i < _lines.Length; i++)
        {
            Match open = FenceRegex().Match(_lines[i]);
            if (!open.Success)
                continue;
            string fence = open.Groups["fence"].Value;
            int end = i + 1;
            while (end < _lines.Length && !_lines[end].TrimStart().StartsWith(fence, StringComparison.Ordinal))
                end++;
            if (open.Groups["info"].Value.Trim() == language)
                blocks.Add(string.Join("\n", _lines[(i + 1)..Math.Min(end, _lines.Length)]));
            i = end;
        }

        return blocks;
    }

    /// <summary>
    /// The first pipe table after the heading <paramref name="heading"/> (for example <c>## Diagnostics</c>) and before
    /// the next heading of the same or a higher level.
    /// </summary>
    /// <param name="heading">The heading line, exactly (e.g. <c>## Diagnostics</c>).</param>
    /// <returns>The header cells and the body rows' cells, or null when there is no such heading or table.</returns>
    public MarkdownTable? TableUnder(string heading)
    {
        int level = heading.TakeWhile(c => c == '#').Count();
        int start = Array.FindIndex(_lines, l => l.TrimEnd() == heading);
        if (start < 0)
            return null;
        for (int i = start + 1; i < _lines.Length; i++)
        {
            string line = _lines[i];
            if (line.StartsWith('#') && line.TakeWhile(c => c == '#').Count() <= level)
                return null;
            if (!line.TrimStart().StartsWith('|'))
                continue;

            string[] header = SplitRow(line);
            var rows = new List<string[]>();
            for (int j = i + 2; j < _lines.Length && _lines[j].TrimStart().StartsWith('|'); j++)
                rows.Add(SplitRow(_lines[j]));
            return new MarkdownTable(header, rows);
        }

        return null;
    }

    /// <summary>The cells of one <c>| a | b |</c> row, trimmed; <c>\|</c> is a literal pipe.</summary>
    private static string[] SplitRow(string line)
    {
        string body = line.Trim();
        if (body.StartsWith('|'))
            body = body[1..];
        if (body.EndsWith('|') && !body.EndsWith("\\|", StringComparison.Ordinal))
            body = body[..^1];
        return CellSeparatorRegex().Split(body).Select(c => c.Replace("\\|", "|", StringComparison.Ordinal).Trim()).ToArray();
    }

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparatorRegex();
}
