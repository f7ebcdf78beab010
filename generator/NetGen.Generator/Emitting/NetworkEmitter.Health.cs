using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// <c>TrainEpoch(..., GradientHealth health)</c>: the epoch with the unfused steps, so that each batch's gradient is
/// whole in <c>Gradients</c> and can be measured. Per batch: <c>RunBackward</c>, the divergence guard on the gradient,
/// each ReLU layer's activations and every layer's weight-gradient norm into <c>health</c>, then the SGD step. The
/// fused <c>TrainEpoch</c> is untouched, so users who do not ask pay nothing.
/// </summary>
internal static partial class NetworkEmitter
{
    private const string GradientHealth = "global::NetGen.Training.GradientHealth";

    // public EpochResult TrainEpoch(inputs, targets, count, learningRate, batchSize, GradientHealth health)
    // {
    //     guards; while (start < count) { RunBackward; GuardGradients; health.ObserveActivations(...); health.AddBatch; Sgd.Step; }
    // }
    private static void WriteTrainEpochWithHealth(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <summary>");
        writer.Line("/// One epoch of minibatch SGD as <c>TrainEpoch</c> (rows in order, the last partial batch reduced over its own size), recording");
        writer.Line("/// into <paramref name=\"health\"/> each layer's weight-gradient norm and, for ReLU layers, which units were ever active. Each");
        writer.Line("/// step runs unfused (<c>Backward</c>, the measurements, <c>ApplySgd</c>): the same arithmetic as the fused step, somewhat");
        writer.Line("/// slower. The batches add to what <paramref name=\"health\"/> holds; call its <c>Reset</c> at the start of each epoch.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("count") + "</param>");
        writer.Line("/// <param name=\"count\">The number of rows.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        writer.Line("/// <param name=\"batchSize\">The rows per step, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
        writer.Line("/// <param name=\"health\">Receives the measurements; made for this network's <see cref=\"Spec\"/>.</param>");
        writer.Line("/// <returns>The sum of the rows' losses, each taken before its batch's step, divided by <paramref name=\"count\"/> (NaN for 0 rows); the count and the number of steps.</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match <paramref name=\"count\"/>, the count is negative, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class, " : string.Empty) + "the learning rate is not finite or <paramref name=\"health\"/> is for another network.");
        WriteDivergedExceptionDoc(writer);
        WriteGeneratedCode(writer);
        using (writer.Block("public " + Names.EpochResult + " TrainEpoch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count, float learningRate, int batchSize, " + GradientHealth + " health)"))
        {
            WriteCallerGate(writer, "TrainEpoch"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(health);");
            writer.Line(Names.Guard + ".Count(count);");
            writer.Line(Names.Guard + ".BatchSize(batchSize, MaxBatch);");
            writer.Line(LengthGuard("inputs", "count", "InputSize", "InputSize"));
            if (targets.IsLabels)
            {
                writer.Line(LengthGuard("targets", "count", "1", "1 label"));
                writer.Line(Names.Guard + ".Labels(targets, OutputSize);");
            }
            else
            {
                writer.Line(LengthGuard("targets", "count", "OutputSize", "OutputSize"));
            }

            WriteLearningRateGuard(writer);
            writer.Line("health.RequireSpec(Spec);");
            writer.Line("double loss = 0;");
            writer.Line("int start = 0, batches = 0;");
            using (writer.Block("while (start < count)"))
            {
                writer.Line("int m = " + Names.Math + ".Min(batchSize, count - start);");
                writer.Line("_guardBatch = batches;");
                writer.Line("_guardFirstRow = start;");
                writer.Line("SetTargets(" + (targets.IsLabels ? "targets.Slice(start, m)" : "targets.Slice(start * OutputSize, m * OutputSize)") + ");");
                writer.Line("var rows = inputs.Slice(start * InputSize, m * InputSize);");
                writer.Line("double batchLoss = RunBackward(rows, m);".PadRight(56) + " // Gradients, and every Z and G");
                writer.Line("bool backedUp = GuardGradients(m, batchLoss, learningRate);  // nothing has changed yet");
                writer.Line(Names.Sgd + ".Step(_parameters, _gradients, learningRate);");
                writer.Line("if (backedUp) GuardAfterStep(m, learningRate);");
                writer.Line("// The step stands: record it.");
                foreach (LayerPlan t in plan.Layers.Where(t => t.Layer.Activation == Activation.ReLU))
                    writer.Line("health.ObserveActivations(" + Names.Int(t.Layer.Index) + ", " + Rows(t.OutputField, t.UnitsConst) + "); // which units of " + t.Output + " were ever > 0");
                writer.Line("health.AddBatch(_gradients, m);                          // each layer's |dL/dW|");
                writer.Line("loss += batchLoss;");
                writer.Line("start += m;");
                writer.Line("batches++;");
            }

            writer.Line("_guardBatch = _guardFirstRow = 0;");
            writer.Line("return new " + Names.EpochResult + "(loss / count, count, batches);");
        }
    }

    // The health overloads and the divergence guard's members, after the per-layer methods.
    private static void WriteHealthAndGuardMembers(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line();
        writer.Line("// ---- Gradient health: TrainEpoch with a GradientHealth, on the unfused steps ----");
        foreach (TargetKind kind in TargetKind.For(plan))
        {
            writer.Line();
            WriteTrainEpochWithHealth(writer, plan, kind);
        }

        WriteGuardMembers(writer, plan);
    }
}
