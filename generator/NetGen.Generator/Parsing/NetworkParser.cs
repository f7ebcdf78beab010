using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns a class carrying [Network] into a <see cref="NetworkModel"/> and the diagnostics of its declaration.
/// All symbol and syntax work happens here; nothing Roslyn-shaped survives into the result except the syntax
/// trees that diagnostics point into.
/// </summary>
internal static class NetworkParser
{
    /// <summary>The transform of the [Network] pipeline: one call per class declaration that carries [Network].</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax node)
            return Empty;

        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        string name = type.Name;

        // Phase 1: the [Network] attributes of the whole class. With more than one, only the declaration holding
        // the first reports (each duplicate once) and nothing is generated.
        List<AttributeReader> networks = ReadAttributes(type, KnownNames.NetworkAttribute, cancellationToken);
        if (networks.Count == 0 || !IsIn(networks[0], node))
            return Empty;
        if (networks.Count > 1)
        {
            foreach (AttributeReader duplicate in networks.Skip(1))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateNetwork, duplicate.Location, name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        AttributeReader network = networks[0];
        List<AttributeReader> denses = ReadAttributes(type, KnownNames.DenseAttribute, cancellationToken);
        if (!network.IsWellFormed || denses.Any(d => !d.IsWellFormed))
            return Empty; // the compiler reports the broken attribute itself

        cancellationToken.ThrowIfCancellationRequested();

        // Phase 2: the class itself must be something the generator can extend.
        if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, network.Location, name));
        if (type.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticNetwork, network.Location, name));
        if (IsGenericOrInGeneric(type))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNetwork, network.Location, name));
        foreach (TypeDeclarationSyntax enclosing in node.Ancestors().OfType<TypeDeclarationSyntax>())
            if (!enclosing.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, network.Location, enclosing.Identifier.ValueText, name));

        // Phase 3: the network's own arguments.
        int inputs = network.GetConstructorInt(0, 0);
        if (inputs < 1 || inputs > NetworkLimits.MaxWidth)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputsOutOfRange, network.GetConstructorArgumentLocation(0, KnownNames.NetworkAttributeInputs), name, inputs, NetworkLimits.MaxWidth));
        var loss = (Loss)network.GetNamedInt(KnownNames.NetworkAttributeLoss, (int)Loss.SoftmaxCrossEntropy);
        CheckDefined(loss, network, KnownNames.NetworkAttributeLoss, diagnostics);
        var reduction = (Reduction)network.GetNamedInt(KnownNames.NetworkAttributeReduction, (int)Reduction.Mean);
        CheckDefined(reduction, network, KnownNames.NetworkAttributeReduction, diagnostics);
        int maxBatch = network.GetNamedInt(KnownNames.NetworkAttributeMaxBatch, KnownNames.DefaultMaxBatch);
        if (maxBatch < 1 || maxBatch > NetworkLimits.MaxBatch)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MaxBatchOutOfRange, network.GetNamedArgumentLocation(KnownNames.NetworkAttributeMaxBatch), name, maxBatch, NetworkLimits.MaxBatch));

        // Phase 4: the layers, in source order, all on one declaration.
        if (denses.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkWithoutLayers, network.Location, name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        SyntaxNode? firstDeclaration = DeclarationOf(denses[0]);
        AttributeReader? strayLayer = denses.FirstOrDefault(d => DeclarationOf(d) != firstDeclaration);
        if (strayLayer is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, strayLayer.Location, name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        if (denses.Count > NetworkLimits.MaxLayers)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyLayers, network.Location, name, denses.Count, NetworkLimits.MaxLayers));

        var layers = ImmutableArray.CreateBuilder<LayerModel>(denses.Count);
        long offset = 0;
        long activationFloats = Math.Max(inputs, 0);
        int fanIn = Math.Max(inputs, 1);
        for (int i = 0; i < denses.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeReader dense = denses[i];
            int units = dense.GetConstructorInt(0, 0);
            if (units < 1 || units > NetworkLimits.MaxWidth)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnitsOutOfRange, dense.GetConstructorArgumentLocation(0, KnownNames.DenseAttributeUnits), name, i + 1, units, NetworkLimits.MaxWidth));
            var activation = (Activation)dense.GetConstructorInt(1, (int)Activation.Identity);
            if (!Enum.IsDefined(typeof(Activation), activation))
                diagnostics.Add(UnknownEnum(nameof(Activation), (int)activation, dense.GetConstructorArgumentLocation(1, KnownNames.DenseAttributeActivation), Enum.GetNames(typeof(Activation))));
            bool bias = dense.GetNamedBool(KnownNames.DenseAttributeBias, true);
            var weightInit = (Init)dense.GetNamedInt(KnownNames.DenseAttributeWeightInit, (int)Init.XavierNormal);
            CheckDefined(weightInit, dense, KnownNames.DenseAttributeWeightInit, diagnostics);
            var biasInit = (Init)dense.GetNamedInt(KnownNames.DenseAttributeBiasInit, (int)Init.Zeros);
            CheckDefined(biasInit, dense, KnownNames.DenseAttributeBiasInit, diagnostics);

            if (weightInit == Init.Zeros && i < denses.Count - 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ZeroInitHiddenLayer, dense.GetNamedArgumentLocation(KnownNames.DenseAttributeWeightInit), name, i + 1));

            int safeUnits = Math.Max(units, 1);
            long count = (long)fanIn * safeUnits + (bias ? safeUnits : 0);
            int weightOffset = (int)Math.Min(offset, int.MaxValue);
            int biasOffset = bias ? (int)Math.Min(offset + (long)fanIn * safeUnits, int.MaxValue) : -1;
            layers.Add(new LayerModel(i, fanIn, safeUnits, activation, bias, weightInit, biasInit, weightOffset, biasOffset));
            offset += count;
            activationFloats += safeUnits;
            fanIn = safeUnits;
        }

        // Phase 5: what the loss asks of the output layer, and the size limits of the whole network.
        AttributeReader output = denses[denses.Count - 1];
        LayerModel outputLayer = layers[layers.Count - 1];
        if (loss == Loss.SoftmaxCrossEntropy && outputLayer.Units == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNeedsTwoClasses, output.GetConstructorArgumentLocation(0, KnownNames.DenseAttributeUnits), name, outputLayer.Units));
        if (loss == Loss.SoftmaxCrossEntropy && outputLayer.Activation != Activation.Identity && Enum.IsDefined(typeof(Activation), outputLayer.Activation))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxAfterActivation, output.GetConstructorArgumentLocation(1, KnownNames.DenseAttributeActivation), name, outputLayer.Activation));
        if (offset > NetworkLimits.MaxParameterCount)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyParameters, network.Location, name, offset, NetworkLimits.MaxParameterCount));
        long bufferFloats = activationFloats * 2 * Math.Max(maxBatch, 1);
        if (bufferFloats > NetworkLimits.MaxBufferFloats && maxBatch <= NetworkLimits.MaxBatch)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BuffersTooLarge, network.GetNamedArgumentLocation(KnownNames.NetworkAttributeMaxBatch), name, maxBatch, bufferFloats, NetworkLimits.MaxBufferFloats));

        if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
            return new ParseResult(null, diagnostics.ToEquatableArray());

        // Phase 6: where the code goes.
        var model = new NetworkModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            name,
            GetContainingTypes(type),
            GetHintName(type),
            inputs,
            loss,
            reduction,
            maxBatch,
            layers.ToEquatableArray());
        return new ParseResult(model, diagnostics.ToEquatableArray());
    }

    private static readonly ParseResult Empty = new(null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>The attributes of <paramref name="type"/> named <paramref name="metadataName"/>, in source order across every declaration.</summary>
    internal static List<AttributeReader> ReadAttributes(INamedTypeSymbol type, string metadataName, CancellationToken cancellationToken) =>
        type.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == metadataName)
            .OrderBy(a => a.ApplicationSyntaxReference?.SyntaxTree.FilePath ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
            .Select(a => new AttributeReader(a, cancellationToken))
            .ToList();

    private static bool IsIn(AttributeReader attribute, SyntaxNode node) =>
        attribute.Syntax is { } syntax && syntax.SyntaxTree == node.SyntaxTree && node.Span.Contains(syntax.Span);

    private static SyntaxNode? DeclarationOf(AttributeReader attribute) =>
        attribute.Syntax?.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault();

    private static bool IsGenericOrInGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            if (t.TypeParameters.Length > 0)
                return true;
        return false;
    }

    private static void CheckDefined<TEnum>(TEnum value, AttributeReader attribute, string property, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(typeof(TEnum), value))
            diagnostics.Add(UnknownEnum(typeof(TEnum).Name, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), attribute.GetNamedArgumentLocation(property), Enum.GetNames(typeof(TEnum))));
    }

    private static DiagnosticInfo UnknownEnum(string enumName, int value, Location? location, string[] names) =>
        DiagnosticInfo.Create(DiagnosticDescriptors.UnknownEnumValue, location, enumName, value, string.Join(", ", names));

    private static EquatableArray<ContainingTypeModel> GetContainingTypes(INamedTypeSymbol type)
    {
        var types = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? t = type.ContainingType; t is not null; t = t.ContainingType)
            types.Insert(0, new ContainingTypeModel(KeywordOf(t), t.Name));
        return types.ToEquatableArray();
    }

    private static string KeywordOf(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>The fully qualified metadata name made into a file name: unique per type, stable across builds.</summary>
    private static string GetHintName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            parts.Insert(0, t.MetadataName);
        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
            parts.Insert(0, ns.ToDisplayString());
        return string.Join(".", parts) + ".g.cs";
    }
}
