using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Diagnostics;

/// <summary>
/// A diagnostic as equatable data: the descriptor, where it points (tree and span, rebuilt into an in-source
/// <see cref="Location"/> so that <c>#pragma warning disable NG....</c> works) and the message arguments.
/// </summary>
internal sealed record DiagnosticInfo(
    DiagnosticDescriptor Descriptor,
    SyntaxTree? Tree,
    TextSpan Span,
    EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object[] arguments) =>
        new(
            descriptor,
            location?.SourceTree,
            location?.SourceSpan ?? default,
            arguments.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).ToEquatableArray());

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Descriptor,
            Tree is null ? Location.None : Location.Create(Tree, Span),
            Arguments.Cast<object>().ToArray());
}
