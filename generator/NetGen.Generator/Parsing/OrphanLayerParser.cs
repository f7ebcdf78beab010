using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Finds [Dense] layers on a class that has no [Network] anywhere (NG0002).</summary>
internal static class OrphanLayerParser
{
    /// <summary>
    /// The transform of the [Dense] pipeline: one call per class declaration that carries [Dense]. Reports once per
    /// class, at its first [Dense] in source order, however many layers and partial declarations it has: only the
    /// declaration holding that first layer reports.
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || context.TargetNode is not TypeDeclarationSyntax node)
            return EquatableArray<DiagnosticInfo>.Empty;
        if (NetworkParser.HasMissingName(node, type))
            return EquatableArray<DiagnosticInfo>.Empty;
        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute))
            return EquatableArray<DiagnosticInfo>.Empty;

        List<AttributeReader> layers = NetworkParser.ReadAttributes(type, KnownNames.DenseAttribute, cancellationToken);
        if (layers.Count == 0 || !layers[0].IsWithin(node))
            return EquatableArray<DiagnosticInfo>.Empty;
        return ImmutableArray.Create(DiagnosticInfo.Create(DiagnosticDescriptors.DenseWithoutNetwork, layers[0].Location, type.Name)).ToEquatableArray();
    }
}
