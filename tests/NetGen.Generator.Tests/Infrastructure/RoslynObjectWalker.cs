using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>
/// Walks an object graph by reflection and reports the first Roslyn object in it. A pipeline value that holds a
/// symbol, a syntax node or a compilation keeps the whole compilation alive and defeats caching.
/// </summary>
/// <remarks>
/// Allowed Roslyn types: <see cref="SyntaxTree"/> (a diagnostic keeps the tree it points into, so that
/// <c>#pragma warning disable</c> applies: house style R8), <see cref="DiagnosticDescriptor"/> (static data) and
/// <see cref="TextSpan"/> (two ints). Everything else from a <c>Microsoft.CodeAnalysis</c> namespace is reported.
/// </remarks>
internal static class RoslynObjectWalker
{
    /// <summary>A description of the path to the first forbidden object in <paramref name="root"/>, or null.</summary>
    public static string? FindForbidden(object? root, string rootName)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        return Walk(root, rootName, visited, depth: 0);
    }

    private static string? Walk(object? value, string path, HashSet<object> visited, int depth)
    {
        if (value is null)
            return null;

        Type type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal)
            return null;
        if (value is SyntaxTree or DiagnosticDescriptor or TextSpan)
            return null;
        if (IsRoslynType(type))
            return path + " is a " + type.FullName;
        if (depth > 64)
            return path + " nests deeper than 64 levels";
        if (!type.IsValueType && !visited.Add(value))
            return null;

        if (value is Array array)
        {
            int i = 0;
            foreach (object? element in array)
            {
                if (Walk(element, path + "[" + i++ + "]", visited, depth + 1) is { } found)
                    return found;
            }

            return null;
        }

        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    continue;
                if (Walk(field.GetValue(value), path + "." + field.Name, visited, depth + 1) is { } found)
                    return found;
            }
        }

        return null;
    }

    private static bool IsRoslynType(Type type) =>
        type.Namespace is { } ns
        && (ns == "Microsoft.CodeAnalysis" || ns.StartsWith("Microsoft.CodeAnalysis.", StringComparison.Ordinal));
}
