using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>Assertions on where a diagnostic points: id, severity, 1-based line and column, and the text under the span.</summary>
internal static class DiagnosticAssert
{
    /// <summary>
    /// Asserts that the run reported exactly one generator diagnostic, with id <paramref name="id"/>, and that it points
    /// at <paramref name="spanText"/> starting at <paramref name="line"/>:<paramref name="column"/>. Returns it.
    /// </summary>
    public static Diagnostic Single(GeneratorRun run, string id, DiagnosticSeverity severity, int line, int column, string spanText)
    {
        Diagnostic diagnostic = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(id, diagnostic.Id);
        At(diagnostic, severity, line, column, spanText);
        return diagnostic;
    }

    /// <summary>Asserts that <paramref name="diagnostic"/> has the given severity and span.</summary>
    public static void At(Diagnostic diagnostic, DiagnosticSeverity severity, int line, int column, string spanText)
    {
        Assert.Equal(severity, diagnostic.Severity);
        Assert.True(diagnostic.Location.IsInSource, diagnostic.Id + " has no source location: " + diagnostic);
        FileLinePositionSpan position = diagnostic.Location.GetLineSpan();
        Assert.Equal(
            (line, column, spanText),
            (position.StartLinePosition.Line + 1, position.StartLinePosition.Character + 1, SpanText(diagnostic)));
    }

    /// <summary>The source text under the diagnostic's span.</summary>
    public static string SpanText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? string.Empty;

    /// <summary>The ids of <paramref name="diagnostics"/>, sorted, for readable equality assertions.</summary>
    public static string[] Ids(ImmutableArray<Diagnostic> diagnostics) =>
        diagnostics.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();
}
