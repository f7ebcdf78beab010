using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace NetGen.Package.Tests.Readme;

/// <summary>
/// One <c>```csharp</c> block of the README. A whole program or declaration is compiled as it stands; a fragment is
/// marked by an HTML comment right above its fence (invisible when the README is rendered) that says what it needs:
/// <code>
/// &lt;!-- fragment(INetwork network, float[] images) --&gt;
/// </code>
/// The parameter list becomes that of the method the fragment is the body of; any further lines of the comment, up to
/// <c>--&gt;</c>, are declarations put beside that method in the same (partial, static) class: helper methods, or a
/// network class the fragment uses. A block that needs assemblies beyond the runtime names them, on a fragment or on
/// a whole program: <c>&lt;!-- references(NetGen.Onnx) --&gt;</c> or
/// <c>&lt;!-- fragment(INetwork network) references(NetGen.Onnx) --&gt;</c> (each must be an assembly the package tests
/// reference).
/// </summary>
/// <param name="Line">The 1-based line of the opening fence in the README.</param>
/// <param name="Code">The block's text, without the fences.</param>
/// <param name="Fragment">The fragment's parameter list (without parentheses), or null for a whole program.</param>
/// <param name="Context">The declarations a fragment's comment supplies (empty when none).</param>
/// <param name="References">The assemblies the marker names beyond the runtime (empty when none).</param>
public sealed partial record ReadmeExample(int Line, string Code, string? Fragment, string Context, IReadOnlyList<string>? References = null)
{
    /// <summary>How xunit shows the example: its line.</summary>
    /// <returns><c>README.md line N</c>.</returns>
    public override string ToString() => "README.md line " + Line;

    /// <summary>Every <c>```csharp</c> block of <paramref name="markdown"/>, with its fragment marker if it has one.</summary>
    /// <param name="markdown">The README's text.</param>
    /// <returns>The blocks, in order.</returns>
    /// <exception cref="FormatException">A fragment marker is not followed by a <c>```csharp</c> fence, or a fence is not closed.</exception>
    public static IReadOnlyList<ReadmeExample> Parse(string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var examples = new List<ReadmeExample>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match marker = MarkerRegex().Match(lines[i]);
            if (marker.Success)
            {
                int end = i;
                while (end < lines.Length && !lines[end].Contains("-->", StringComparison.Ordinal))
                    end++;
                Match fence = end + 1 < lines.Length ? FenceRegex().Match(lines[end + 1]) : Match.Empty;
                if (!fence.Success || fence.Groups["info"].Value.Trim() != "csharp")
                    throw new FormatException($"README.md line {i + 1}: a fragment marker must end right above a ```csharp fence.");
                string context = end > i ? string.Join("\n", lines[(i + 1)..end]) : string.Empty;
                int close = ClosingFence(lines, end + 1, fence.Groups["fence"].Value);
                string? parameters = marker.Groups["parameters"].Success ? marker.Groups["parameters"].Value : null;
                string[] references = marker.Groups["references"].Success
                    ? marker.Groups["references"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [];
                examples.Add(new ReadmeExample(end + 2, string.Join("\n", lines[(end + 2)..close]), parameters, context, references));
                i = close;
                continue;
            }

            Match open = FenceRegex().Match(lines[i]);
            if (!open.Success)
                continue;
            int closing = ClosingFence(lines, i, open.Groups["fence"].Value);
            if (open.Groups["info"].Value.Trim() == "csharp")
                examples.Add(new ReadmeExample(i + 1, string.Join("\n", lines[(i + 1)..closing]), null, string.Empty));
            i = closing;
        }

        return examples;
    }

    /// <summary>The info strings of every fenced block, e.g. <c>csharp</c>, <c>xml</c>, or empty.</summary>
    /// <param name="markdown">The README's text.</param>
    /// <returns>One per fenced block, in order.</returns>
    public static IReadOnlyList<string> FenceLanguages(string markdown)
    {
        string[] lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var languages = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            Match open = FenceRegex().Match(lines[i]);
            if (!open.Success)
                continue;
            languages.Add(open.Groups["info"].Value.Trim());
            i = ClosingFence(lines, i, open.Groups["fence"].Value);
        }

        return languages;
    }

    private static int ClosingFence(string[] lines, int open, string fence)
    {
        for (int i = open + 1; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith(fence, StringComparison.Ordinal))
                return i;
        }

        throw new FormatException($"README.md line {open + 1}: the code fence is never closed.");
    }

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"^\s*<!--\s*(fragment\((?<parameters>[^)]*)\)\s*)?(references\((?<references>[^)]*)\))?(?<=\))")]
    private static partial Regex MarkerRegex();
}
