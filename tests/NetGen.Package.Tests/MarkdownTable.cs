using System.Collections.Generic;

namespace NetGen.Package.Tests;

/// <summary>A Markdown pipe table: header cells and body rows (the separator row left out).</summary>
/// <param name="Header">The header cells.</param>
/// <param name="Rows">The body rows' cells.</param>
internal sealed record MarkdownTable(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows);
