using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Emitting;
using NetGen.Generator.Model;
using NetGen.Generator.Parsing;
using NetGen.Generator.Planning;

namespace NetGen.Generator;

/// <summary>
/// The NetGen source generator: [Network] class → <see cref="NetworkParser"/> → (model, diagnostics) →
/// diagnostics reported on one branch; on the other, the model → <see cref="NetworkPlanner"/> → plan → source.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Parse every class carrying [Network] into an equatable (model, diagnostics) pair.
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.NetworkAttribute,
                predicate: static (node, _) => NetworkParser.IsClassDeclaration(node),
                transform: static (context, cancellationToken) => NetworkParser.Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // Branch 1: diagnostics, re-run when only a location moves.
        IncrementalValuesProvider<DiagnosticInfo> diagnostics = results
            .SelectMany(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));

        // Branch 2: the model alone feeds the emitter, so a moved diagnostic never regenerates source.
        IncrementalValuesProvider<NetworkModel> models = results
            .Select(static (result, _) => result.Model)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(TrackingNames.Model);

        // Every decision the emitter needs, computed once from the model; equal plans emit nothing anew.
        IncrementalValuesProvider<NetworkPlan> plans = models
            .Select(static (model, _) => NetworkPlanner.Plan(model))
            .WithTrackingName(TrackingNames.Plan);
        context.RegisterSourceOutput(plans, static (output, plan) => output.AddSource(plan.Model.HintName, NetworkEmitter.Emit(plan)));

        // [Dense] on a class without [Network]: a separate, tiny pipeline that only reports NG0002.
        IncrementalValuesProvider<DiagnosticInfo> orphans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.DenseAttribute,
                predicate: static (node, _) => NetworkParser.IsClassDeclaration(node),
                transform: static (context, cancellationToken) => OrphanLayerParser.Parse(context, cancellationToken))
            .SelectMany(static (found, _) => found)
            .WithTrackingName(TrackingNames.OrphanLayers);
        context.RegisterSourceOutput(orphans, static (output, diagnostic) => output.ReportDiagnostic(diagnostic.ToDiagnostic()));
    }
}
