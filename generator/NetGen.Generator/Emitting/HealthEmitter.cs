using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;

namespace NetGen.Generator.Emitting;

/// <summary>
/// <c>TrainEpoch(..., GradientHealth health)</c>: the epoch with the unfused steps, so that each batch's gradient is
/// whole in <c>Gradients</c> and can be measured. Per batch: <c>RunBackward</c>, the divergence guard on the gradient,
/// each ReLU layer's activations and every layer's weight-gradient norm into <c>health</c>, then the SGD step. The
/// fused <c>TrainEpoch</c> is untouched, so users who do not ask pay nothing.
/// </summary>
internal static class HealthEmitter
{
    private const string GradientHealth = Names.GradientHealth;

    /// <summary>The health overloads: docs and forward in <paramref name="surface"/>, bodies in <paramref name="core"/>.</summary>
    public static void Write(SourceWriter surface, SourceWriter core, NetworkPlan plan)
    {
        foreach (TargetKind kind in TargetKind.For(plan))
        {
            surface.Line();
            surface.SkipsDocComments = kind == TargetKind.Ints;
            WriteTrainEpochWithHealth(surface, core, plan, kind);
            surface.SkipsDocComments = false;
        }
    }

    // public EpochResult TrainEpoch(inputs, targets, count, learningRate, batchSize, GradientHealth health)
    // {
    //     guards; while (start < count) { RunBackward; GuardGradients; health.ObserveActivations(...); health.AddBatch; Sgd.Step; }
    // }
    private static void WriteTrainEpochWithHealth(SourceWriter surface, SourceWriter core, NetworkPlan plan, TargetKind targets)
    {
        surface.Line("/// <summary>");
        surface.Line("/// One epoch of minibatch SGD as <c>TrainEpoch</c> (rows in order, the last partial batch reduced over its own size), recording");
        surface.Line("/// into <paramref name=\"health\"/> each layer's weight-gradient norm and, for ReLU layers, which units were ever active. Each");
        surface.Line("/// step runs unfused (<c>Backward</c>, the measurements, <c>ApplySgd</c>): the same arithmetic as the fused step, somewhat");
        surface.Line("/// slower. The batches add to what <paramref name=\"health\"/> holds; call its <c>Reset</c> at the start of each epoch.");
        surface.Line("/// </summary>");
        surface.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        surface.Line("/// <param name=\"targets\">" + targets.Description("count") + "</param>");
        surface.Line("/// <param name=\"count\">The number of rows.</param>");
        surface.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        surface.Line("/// <param name=\"batchSize\">The rows per step, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
        surface.Line("/// <param name=\"health\">Receives the measurements; made for this network's <see cref=\"Spec\"/>.</param>");
        surface.Line("/// <returns>The sum of the rows' losses, each taken before its batch's step, divided by <paramref name=\"count\"/> (NaN for 0 rows); the count and the number of steps.</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match <paramref name=\"count\"/>, the count is negative, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class, " : string.Empty) + "the learning rate is not finite or <paramref name=\"health\"/> is for another network.");
        WriteDivergedExceptionDoc(surface);
        EntryPoint.Write(surface, core, "public " + Names.EpochResult + " TrainEpoch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count, float learningRate, int batchSize, " + GradientHealth + " health)", () =>
        {
            core.Line("global::System.ArgumentNullException.ThrowIfNull(health);");
            TrainingEmitter.WriteEpochGuards(core, targets);
            core.Line("health.RequireSpec(Spec);");
            core.Line("double loss = 0;");
            core.Line("int start = 0, batches = 0;");
            using (core.Block("while (start < count)"))
            {
                core.Line("int m = " + Names.Math + ".Min(batchSize, count - start);");
                core.Line("_guardBatch = batches;");
                core.Line("_guardFirstRow = start;");
                core.Line("SetTargets(" + (targets.IsLabels ? "targets.Slice(start, m)" : "targets.Slice(start * OutputSize, m * OutputSize)") + ");");
                core.Line("var rows = inputs.Slice(start * InputSize, m * InputSize);");
                core.Line("double batchLoss = RunBackward(rows, m);".PadRight(56) + " // Gradients, and every Z and G");
                core.Line("bool backedUp = GuardGradients(m, batchLoss, learningRate);  // nothing has changed yet");
                core.Line(Names.Sgd + ".Step(_parameters, _gradients, learningRate);");
                core.Line("if (backedUp) GuardAfterStep(m, learningRate);");
                core.Line("// The step stands: record it.");
                foreach (LayerPlan t in plan.Layers.Where(t => t.Layer.Activation == Activation.ReLU))
                    core.Line("health.ObserveActivations(" + Names.Int(t.Layer.Index) + ", " + Rows(t.OutputField, t.UnitsConst) + "); // which units of " + t.Output + " were ever > 0");
                core.Line("health.AddBatch(_gradients, m);                          // each layer's |dL/dW|");
                core.Line("loss += batchLoss;");
                core.Line("start += m;");
                core.Line("batches++;");
            }

            core.Line("_guardBatch = _guardFirstRow = 0;");
            core.Line("return new " + Names.EpochResult + "(loss / count, count, batches);");
        });
    }
}
