using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>Finds [Dense] layers on a class that has no [Network] anywhere (NG0002).</summary>
internal static class OrphanLayerParser
{
    /// <summary>The transform of the [Dense] pipeline: one call per class declaration that carries [Dense].</summary>
    public static EquatableArray<DiagnosticInfo> Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
            return EquatableArray<DiagnosticInfo>.Empty;
        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute))
            return EquatableArray<DiagnosticInfo>.Empty;

        // Report on the first [Dense] of this declaration only: one diagnostic per declaration, not per layer.
        AttributeData first = context.Attributes[0];
        var reader = new AttributeReader(first, cancellationToken);
        return ImmutableArray.Create(DiagnosticInfo.Create(DiagnosticDescriptors.DenseWithoutNetwork, reader.Location, type.Name)).ToEquatableArray();
    }
}
