using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator;

namespace NetGen.Package.Tests;

/// <summary>The generator's descriptor catalog, read by reflection from the internal <c>DiagnosticDescriptors</c> class.</summary>
internal static class DiagnosticCatalog
{
    /// <summary>The catalog class's full name.</summary>
    public const string TypeName = "NetGen.Generator.Diagnostics.DiagnosticDescriptors";

    /// <summary>Every descriptor held in a static field of the catalog, in declaration order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = Load();

    private static DiagnosticDescriptor[] Load()
    {
        Type catalog = typeof(NetworkGenerator).Assembly.GetType(TypeName, throwOnError: true)!;
        return catalog.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToArray();
    }
}
