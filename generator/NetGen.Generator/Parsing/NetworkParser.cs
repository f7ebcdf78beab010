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
    /// <summary>
    /// The syntactic predicate of both pipelines: a class or a record class, the declarations [Network] and [Dense]
    /// are valid on (a record is reported as NG0019 rather than silently ignored).
    /// </summary>
    public static bool IsClassDeclaration(SyntaxNode node) =>
        node is ClassDeclarationSyntax
        || (node is RecordDeclarationSyntax record && !record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword));

    /// <summary>The transform of the [Network] pipeline: one call per class declaration that carries [Network].</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        // [Network] is only valid on classes (records included); on anything else the compiler reports CS0592.
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || context.TargetNode is not TypeDeclarationSyntax node)
            return Empty;

        // A declaration the parser could not name (`partial class {`) already has a compiler error; generating into
        // it would only add errors in generated code.
        if (HasMissingName(node, type))
            return Empty;

        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        string name = type.Name;

        // Phase 1: the [Network] attributes of the whole class. With more than one, only the declaration holding
        // the first reports (each duplicate once) and nothing is generated.
        List<AttributeReader> networks = ReadAttributes(type, KnownNames.NetworkAttribute, cancellationToken);
        if (networks.Count == 0 || !networks[0].IsWithin(node))
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

        // Phase 2: the class itself must be something the generator can extend. Nothing in an attribute is at
        // fault here, so these point at the class (or enclosing type) name.
        Location classLocation = node.Identifier.GetLocation();
        if (node is RecordDeclarationSyntax)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordNetwork, classLocation, name));
        if (!node.Modifiers.Any(SyntaxKind.PartialKeyword))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, classLocation, name));
        if (type.IsStatic)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StaticNetwork, classLocation, name));
        if (IsGenericOrInGeneric(type))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNetwork, classLocation, name));
        foreach (TypeDeclarationSyntax enclosing in node.Ancestors().OfType<TypeDeclarationSyntax>())
            if (!enclosing.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, enclosing.Identifier.GetLocation(), enclosing.Identifier.ValueText, name));
        // Diagnostics about the base class point at the first type in the base list.
        Location baseLocation = node.BaseList?.Types.FirstOrDefault()?.GetLocation() ?? classLocation;
        INamedTypeSymbol? baseNetwork = BaseNetwork(type);
        if (baseNetwork is not null)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkDerivesFromNetwork, baseLocation, name, baseNetwork.Name));
        if (FileLocalDeclaration(node, type) is { } fileLocal)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalNetwork, fileLocal.Modifier.GetLocation(), name, fileLocal.TypeName));

        // C# forbids a member named like its enclosing type (CS0542), so a class named like one of the trainer's
        // members (Workspace, Forward, W1 in a network with a layer 1...) can only be fixed by renaming the class.
        if (KnownNames.IsGeneratedMemberName(name, denses.Count))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNameTaken, classLocation, name));

        // Phase 3: the network's own arguments.
        int inputs = network.GetConstructorInt(0, 0);
        bool shapesValid = true;
        if (inputs < 1 || inputs > NetworkLimits.MaxWidth)
        {
            shapesValid = false;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InputsOutOfRange, network.GetConstructorArgumentLocation(0, KnownNames.NetworkAttributeInputs), name, inputs, NetworkLimits.MaxWidth));
        }

        var loss = (Loss)network.GetNamedInt(KnownNames.NetworkAttributeLoss, (int)Loss.SoftmaxCrossEntropy);
        CheckDefined(loss, name, KnownNames.NetworkAttributeLoss, network, KnownNames.NetworkAttributeLoss, diagnostics);
        var reduction = (Reduction)network.GetNamedInt(KnownNames.NetworkAttributeReduction, (int)Reduction.Mean);
        CheckDefined(reduction, name, KnownNames.NetworkAttributeReduction, network, KnownNames.NetworkAttributeReduction, diagnostics);
        int maxBatch = network.GetNamedInt(KnownNames.NetworkAttributeMaxBatch, KnownNames.DefaultMaxBatch);
        bool maxBatchValid = maxBatch >= 1 && maxBatch <= NetworkLimits.MaxBatch;
        if (!maxBatchValid)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MaxBatchOutOfRange, network.GetNamedArgumentLocation(KnownNames.NetworkAttributeMaxBatch), name, maxBatch, NetworkLimits.MaxBatch));

        // Phase 4: the layers, in source order, all on one declaration.
        if (denses.Count == 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkWithoutLayers, network.Location, name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        // The layers' home is the declaration carrying [Network] when it has layers, else the first one that does;
        // the first layer elsewhere is the one to move.
        AttributeReader home = denses.FirstOrDefault(d => d.IsOnSameDeclarationAs(network)) ?? denses[0];
        AttributeReader? strayLayer = denses.FirstOrDefault(d => !d.IsOnSameDeclarationAs(home));
        if (strayLayer is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LayersSplitAcrossDeclarations, strayLayer.Location, name));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }

        if (denses.Count > NetworkLimits.MaxLayers)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyLayers, denses[NetworkLimits.MaxLayers].Location, name, denses.Count, NetworkLimits.MaxLayers));

        var layers = ImmutableArray.CreateBuilder<LayerModel>(denses.Count);
        long offset = 0;
        long activationFloats = Math.Max(inputs, 0);
        int fanIn = Math.Max(inputs, 1);
        int outputUnits = 0;
        for (int i = 0; i < denses.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AttributeReader dense = denses[i];
            int number = i + 1;
            int units = dense.GetConstructorInt(0, 0);
            outputUnits = units;
            if (units < 1 || units > NetworkLimits.MaxWidth)
            {
                shapesValid = false;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnitsOutOfRange, dense.GetConstructorArgumentLocation(0, KnownNames.DenseAttributeUnits), name, number, units, NetworkLimits.MaxWidth));
            }

            var activation = (Activation)dense.GetConstructorInt(1, (int)Activation.Identity);
            if (!Enum.IsDefined(typeof(Activation), activation))
                diagnostics.Add(UnknownEnum(nameof(Activation), name, "The activation of layer " + Format(number), (int)activation, dense.GetConstructorArgumentLocation(1, KnownNames.DenseAttributeActivation)));
            bool bias = dense.GetNamedBool(KnownNames.DenseAttributeBias, true);
            var weightInit = (Init)dense.GetNamedInt(KnownNames.DenseAttributeWeightInit, (int)Init.XavierNormal);
            CheckDefined(weightInit, name, "WeightInit of layer " + Format(number), dense, KnownNames.DenseAttributeWeightInit, diagnostics);
            var biasInit = (Init)dense.GetNamedInt(KnownNames.DenseAttributeBiasInit, (int)Init.Zeros);
            CheckDefined(biasInit, name, "BiasInit of layer " + Format(number), dense, KnownNames.DenseAttributeBiasInit, diagnostics);

            // An explicit BiasInit on a layer without a bias does nothing: the user likely meant one of the two.
            if (!bias && dense.HasNamedArgument(KnownNames.DenseAttributeBiasInit))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BiasInitWithoutBias, dense.GetNamedArgumentLocation(KnownNames.DenseAttributeBiasInit), name, number));

            // LeakyReLU's slope: finite and in [0, 1) (else the generated guard's |sigma'| <= 1 would not hold); set on
            // another activation, it does nothing.
            float negativeSlope = dense.GetNamedFloat(KnownNames.DenseAttributeNegativeSlope, KnownNames.DefaultNegativeSlope);
            if (dense.HasNamedArgument(KnownNames.DenseAttributeNegativeSlope))
            {
                if (!(negativeSlope >= 0 && negativeSlope < 1))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeSlopeOutOfRange, dense.GetNamedArgumentLocation(KnownNames.DenseAttributeNegativeSlope), name, number, SlopeText(negativeSlope)));
                else if (activation != Activation.LeakyReLU && Enum.IsDefined(typeof(Activation), activation))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NegativeSlopeWithoutLeakyReLU, dense.GetNamedArgumentLocation(KnownNames.DenseAttributeNegativeSlope), name, number, activation));
            }

            if (weightInit == Init.Zeros && i < denses.Count - 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ZeroInitHiddenLayer, dense.GetNamedArgumentLocation(KnownNames.DenseAttributeWeightInit), name, number));

            int safeUnits = Math.Max(units, 1);
            long count = (long)fanIn * safeUnits + (bias ? safeUnits : 0);
            int weightOffset = (int)Math.Min(offset, int.MaxValue);
            int biasOffset = bias ? (int)Math.Min(offset + (long)fanIn * safeUnits, int.MaxValue) : -1;
            layers.Add(new LayerModel(i, fanIn, safeUnits, activation, bias, weightInit, biasInit, weightOffset, biasOffset, negativeSlope));
            offset += count;
            activationFloats += safeUnits;
            fanIn = safeUnits;
        }

        // Phase 5: what the loss asks of the output layer, and the size limits of the whole network. The sizes are
        // only meaningful when every width is: an out-of-range width has been reported already.
        AttributeReader output = denses[denses.Count - 1];
        LayerModel outputLayer = layers[layers.Count - 1];
        if (loss == Loss.SoftmaxCrossEntropy && outputUnits == 1)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxNeedsTwoClasses, output.GetConstructorArgumentLocation(0, KnownNames.DenseAttributeUnits), name, outputUnits));
        if (loss == Loss.SoftmaxCrossEntropy && outputLayer.Activation != Activation.Identity && Enum.IsDefined(typeof(Activation), outputLayer.Activation))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.SoftmaxAfterActivation, output.GetConstructorArgumentLocation(1, KnownNames.DenseAttributeActivation), name, outputLayer.Activation));
        if (shapesValid && offset > NetworkLimits.MaxParameterCount)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyParameters, network.Location, name, offset, NetworkLimits.MaxParameterCount));
        long floatsPerRow = activationFloats * 2;
        long bufferFloats = floatsPerRow * maxBatch;
        if (shapesValid && maxBatchValid && bufferFloats > NetworkLimits.MaxBufferFloats)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BuffersTooLarge, network.GetNamedArgumentLocation(KnownNames.NetworkAttributeMaxBatch), name, maxBatch, bufferFloats, NetworkLimits.MaxBufferFloats, NetworkLimits.MaxBufferFloats / floatsPerRow));

        // Phase 5b: a member the user declared under a name the trainer needs would break the generated code.
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || !KnownNames.IsGeneratedMemberName(member.Name, denses.Count))
                continue;
            Location? where = member.Locations.FirstOrDefault(l => l.IsInSource);
            if (where is not null)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberNameTaken, where, name, member.Name));
        }

        // A visible member of a base class hides, or is hidden by, the trainer's member of the same name (CS0108,
        // CS0114), inside generated code. Names are matched as for NG0022, overloads included. A network base is
        // NG0021 already; private members (and internal ones of another assembly) are invisible here and harmless.
        if (baseNetwork is null)
            ReportInheritedNames(type, denses.Count, context.SemanticModel.Compilation, baseLocation, diagnostics);

        if (diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
            return new ParseResult(null, diagnostics.ToEquatableArray());

        // Phase 6: where the code goes.
        var model = new NetworkModel(
            GetNamespace(type),
            Identifier(name),
            GetContainingTypes(type),
            GetHintName(type),
            inputs,
            loss,
            reduction,
            maxBatch,
            layers.ToEquatableArray());
        return new ParseResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>A slope as the message shows it: <c>1.5</c>, <c>NaN</c>, <c>+infinity</c>.</summary>
    private static string SlopeText(float slope) =>
        float.IsNaN(slope) ? "NaN"
        : float.IsInfinity(slope) ? (slope > 0 ? "+infinity" : "-infinity")
        : slope.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly ParseResult Empty = new(null, EquatableArray<DiagnosticInfo>.Empty);

    /// <summary>The attributes of <paramref name="type"/> named <paramref name="metadataName"/>, in source order across every declaration.</summary>
    internal static List<AttributeReader> ReadAttributes(INamedTypeSymbol type, string metadataName, CancellationToken cancellationToken) =>
        type.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == metadataName)
            .OrderBy(a => a.ApplicationSyntaxReference?.SyntaxTree.FilePath ?? string.Empty, StringComparer.Ordinal)
            .ThenBy(a => a.ApplicationSyntaxReference?.Span.Start ?? 0)
            .Select(a => new AttributeReader(a, cancellationToken))
            .ToList();

    /// <summary>Whether the declaration, an enclosing type or the namespace has no name (a syntax error the compiler reports).</summary>
    internal static bool HasMissingName(TypeDeclarationSyntax node, INamedTypeSymbol type)
    {
        if (type.Name.Length == 0 || node.Identifier.IsMissing)
            return true;
        if (node.Ancestors().OfType<TypeDeclarationSyntax>().Any(t => t.Identifier.IsMissing))
            return true;
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            if (ns.Name.Length == 0)
                return true;
        return false;
    }

    private static bool IsGenericOrInGeneric(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            if (t.TypeParameters.Length > 0)
                return true;
        return false;
    }

    /// <summary>NG0025 once per generated name that <paramref name="type"/> inherits from its base classes, nearest first.</summary>
    private static void ReportInheritedNames(INamedTypeSymbol type, int layers, Compilation compilation, Location where, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            foreach (ISymbol member in baseType.GetMembers())
            {
                if (member.IsImplicitlyDeclared
                    || !KnownNames.IsGeneratedMemberName(member.Name, layers)
                    || !compilation.IsSymbolAccessibleWithin(member, type)
                    || !reported.Add(member.Name))
                    continue;
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InheritedMemberNameTaken, where, type.Name, member.Name, baseType.Name));
            }
        }
    }

    /// <summary>The nearest base class that is itself a network: the generated members of both would collide (CS0108).</summary>
    private static INamedTypeSymbol? BaseNetwork(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type.BaseType; t is not null; t = t.BaseType)
            if (t.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == KnownNames.NetworkAttribute))
                return t;
        return null;
    }

    /// <summary>The <c>file</c> modifier on the class or an enclosing type, with that type's name; code in another file cannot extend such a type.</summary>
    private static (SyntaxToken Modifier, string TypeName)? FileLocalDeclaration(TypeDeclarationSyntax node, INamedTypeSymbol type)
    {
        foreach (TypeDeclarationSyntax declaration in node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            SyntaxToken modifier = declaration.Modifiers.FirstOrDefault(m => m.IsKind(SyntaxKind.FileKeyword));
            if (modifier.IsKind(SyntaxKind.FileKeyword))
                return (modifier, declaration.Identifier.ValueText);
        }

        // Another partial declaration may carry the modifier.
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            if (t.IsFileLocal)
                return (node.Identifier, t.Name);
        return null;
    }

    private static void CheckDefined<TEnum>(TEnum value, string network, string what, AttributeReader attribute, string property, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(typeof(TEnum), value))
            diagnostics.Add(UnknownEnum(typeof(TEnum).Name, network, what, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), attribute.GetNamedArgumentLocation(property)));
    }

    private static DiagnosticInfo UnknownEnum(string enumName, string network, string what, int value, Location? location) =>
        DiagnosticInfo.Create(
            DiagnosticDescriptors.UnknownEnumValue,
            location,
            network,
            what,
            value,
            enumName,
            string.Join(", ", EnumNames(enumName).Select(member => enumName + "." + member)));

    private static string[] EnumNames(string enumName) => enumName switch
    {
        nameof(Activation) => Enum.GetNames(typeof(Activation)),
        nameof(Loss) => Enum.GetNames(typeof(Loss)),
        nameof(Reduction) => Enum.GetNames(typeof(Reduction)),
        _ => Enum.GetNames(typeof(Init)),
    };

    private static string Format(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The name as a C# identifier: reserved keywords get an <c>@</c> (a class named <c>@class</c>).</summary>
    private static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The namespace as C# (each part escaped), or null for the global namespace.</summary>
    private static string? GetNamespace(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            parts.Insert(0, Identifier(ns.Name));
        return parts.Count == 0 ? null : string.Join(".", parts);
    }

    private static EquatableArray<ContainingTypeModel> GetContainingTypes(INamedTypeSymbol type)
    {
        var types = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? t = type.ContainingType; t is not null; t = t.ContainingType)
            types.Insert(0, new ContainingTypeModel(KeywordOf(t), Identifier(t.Name)));
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

    /// <summary>
    /// The fully qualified metadata name made into a file name: unique per type, stable across builds. Characters
    /// a hint name cannot hold (none in a valid declaration) become '_', so AddSource can never throw.
    /// </summary>
    private static string GetHintName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
            parts.Insert(0, t.MetadataName);
        for (INamespaceSymbol? ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
            parts.Insert(0, ns.Name);
        char[] name = string.Join(".", parts).ToCharArray();
        for (int i = 0; i < name.Length; i++)
            if (!(char.IsLetterOrDigit(name[i]) || name[i] is '.' or '_' or '-'))
                name[i] = '_';
        return new string(name) + ".g.cs";
    }
}
