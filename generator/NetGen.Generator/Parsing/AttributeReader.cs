using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads one attribute application: its constant arguments, and the source location of each argument so that a
/// diagnostic lands on the argument at fault rather than on the class.
/// </summary>
internal sealed class AttributeReader
{
    private readonly AttributeData _data;

    public AttributeReader(AttributeData data, CancellationToken cancellationToken)
    {
        _data = data;
        Syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
    }

    /// <summary>The attribute as written, or null when it came from metadata.</summary>
    public AttributeSyntax? Syntax { get; }

    /// <summary>The location of the whole attribute (falls back to nothing for metadata attributes).</summary>
    public Location? Location => Syntax?.GetLocation();

    /// <summary>The type declaration the attribute is written on, or null when it came from metadata.</summary>
    public TypeDeclarationSyntax? Declaration => Syntax?.Parent?.Parent as TypeDeclarationSyntax;

    /// <summary>Whether the attribute is written inside <paramref name="node"/> (one partial declaration of its class).</summary>
    public bool IsWithin(SyntaxNode node) =>
        Syntax is { } syntax && syntax.SyntaxTree == node.SyntaxTree && node.Span.Contains(syntax.Span);

    /// <summary>Whether the attribute is written on the same declaration as <paramref name="other"/> (compared by tree and span, not node identity).</summary>
    public bool IsOnSameDeclarationAs(AttributeReader other) =>
        Declaration is { } mine && other.Declaration is { } theirs && mine.SyntaxTree == theirs.SyntaxTree && mine.Span == theirs.Span;

    /// <summary>
    /// Whether the compiler could bind the attribute and evaluate every argument. When it could not, the compiler
    /// already reports an error, and the generator stays silent and emits nothing.
    /// </summary>
    public bool IsWellFormed =>
        _data.AttributeConstructor is not null
        && _data.ConstructorArguments.All(a => a.Kind != TypedConstantKind.Error && a.Value is not null)
        && _data.NamedArguments.All(a => a.Value.Kind != TypedConstantKind.Error && a.Value.Value is not null);

    /// <summary>The constructor argument at <paramref name="position"/> as an int (enums as their underlying value).</summary>
    public int GetConstructorInt(int position, int fallback) =>
        position < _data.ConstructorArguments.Length && _data.ConstructorArguments[position].Value is int value ? value : fallback;

    /// <summary>The named property <paramref name="name"/> as an int, or <paramref name="fallback"/> when not set.</summary>
    public int GetNamedInt(string name, int fallback)
    {
        foreach (var argument in _data.NamedArguments)
            if (argument.Key == name && argument.Value.Value is int value)
                return value;
        return fallback;
    }

    /// <summary>The named property <paramref name="name"/> as a float, or <paramref name="fallback"/> when not set.</summary>
    public float GetNamedFloat(string name, float fallback)
    {
        foreach (var argument in _data.NamedArguments)
            if (argument.Key == name && argument.Value.Value is float value)
                return value;
        return fallback;
    }

    /// <summary>Whether the property <paramref name="name"/> is set explicitly (even to its default value).</summary>
    public bool HasNamedArgument(string name) => _data.NamedArguments.Any(argument => argument.Key == name);

    /// <summary>The named property <paramref name="name"/> as a bool, or <paramref name="fallback"/> when not set.</summary>
    public bool GetNamedBool(string name, bool fallback)
    {
        foreach (var argument in _data.NamedArguments)
            if (argument.Key == name && argument.Value.Value is bool value)
                return value;
        return fallback;
    }

    /// <summary>The location of the constructor argument at <paramref name="position"/> (or named <paramref name="parameterName"/>:), else of the attribute.</summary>
    public Location? GetConstructorArgumentLocation(int position, string parameterName)
    {
        if (Syntax?.ArgumentList is null)
            return Location;

        int index = 0;
        foreach (AttributeArgumentSyntax argument in Syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null)
                continue;
            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == parameterName)
                    return argument.GetLocation();
                continue;
            }

            if (index++ == position)
                return argument.GetLocation();
        }

        return Location;
    }

    /// <summary>The location of the named property argument <paramref name="name"/> = ..., else of the attribute.</summary>
    public Location? GetNamedArgumentLocation(string name)
    {
        if (Syntax?.ArgumentList is not null)
            foreach (AttributeArgumentSyntax argument in Syntax.ArgumentList.Arguments)
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                    return argument.GetLocation();
        return Location;
    }
}
