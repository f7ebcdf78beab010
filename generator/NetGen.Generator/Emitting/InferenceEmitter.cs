using System.Linq;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;

namespace NetGen.Generator.Emitting;

/// <summary>The entry points that only run the network: <c>Forward</c>, <c>Predict</c> and <c>Evaluate</c>.</summary>
internal static class InferenceEmitter
{
    /// <summary>Each entry point's docs and forward in <paramref name="surface"/>, its body in <paramref name="core"/>.</summary>
    public static void Write(SourceWriter surface, SourceWriter core, NetworkPlan plan)
    {
        surface.Line();
        WriteForward(surface, core, plan);
        surface.Line();
        WritePredict(surface, core, plan);
        foreach (TargetKind kind in TargetKind.For(plan))
        {
            surface.Line();
            surface.SkipsDocComments = kind == TargetKind.Ints;
            WriteEvaluate(surface, core, plan, kind);
            surface.SkipsDocComments = false;
        }
    }

    // public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) { guards; RunForward; copy Z_L }
    private static void WriteForward(SourceWriter surface, SourceWriter core, NetworkPlan plan)
    {
        LayerPlan output = plan.OutputLayer;
        surface.Line("/// <summary>Runs the network on a batch: " + string.Join(", ", plan.Layers.Select(t => "<c>" + t.Equation + "</c>")) + ".</summary>");
        surface.Line("/// <param name=\"inputs\">Row-major <c>[batchSize x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        surface.Line("/// <param name=\"outputs\">Receives row-major <c>[batchSize x " + Names.Int(plan.OutputSize) + "]</c>: "
            + (plan.IsClassifier ? "the logits" : "the outputs") + " <c>" + output.Output + "</c>.</param>");
        surface.Line("/// <param name=\"batchSize\">The number of rows, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
        WriteArgumentExceptionDoc(surface, "A span's length does not match <paramref name=\"batchSize\"/>, or <paramref name=\"batchSize\"/> is out of range.");
        EntryPoint.Write(surface, core, "public void Forward(" + Names.ReadOnlySpan + " inputs, " + Names.Span + " outputs, int batchSize)", () =>
        {
            WriteRowGuards(core, "batchSize", targets: null);
            core.Line(LengthGuard("outputs", "batchSize", "OutputSize", "OutputSize"));
            core.Line("RunForward(inputs, batchSize);");
            core.Line("new " + Names.ReadOnlySpan + "(" + output.OutputField + ", 0, batchSize * OutputSize).CopyTo(outputs);");
        });
    }

    // public void Predict(ReadOnlySpan<float> inputs, Span<int> predictions, int count): chunks of MaxBatch, argmax or copy.
    private static void WritePredict(SourceWriter surface, SourceWriter core, NetworkPlan plan)
    {
        LayerPlan output = plan.OutputLayer;
        surface.Line(plan.IsClassifier
            ? "/// <summary>Writes the most likely class of each row: the argmax of the logits, the lowest index on ties.</summary>"
            : "/// <summary>Writes the network's outputs for any number of rows.</summary>");
        surface.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        surface.Line(plan.IsClassifier
            ? "/// <param name=\"predictions\">Receives <paramref name=\"count\"/> class indices.</param>"
            : "/// <param name=\"predictions\">Receives row-major <c>[count x " + Names.Int(plan.OutputSize) + "]</c>.</param>");
        surface.Line("/// <param name=\"count\">The number of rows; any number, run in batches of " + Names.Int(plan.MaxBatch) + ".</param>");
        WriteArgumentExceptionDoc(surface, "A span's length does not match <paramref name=\"count\"/>, <paramref name=\"count\"/> is negative, or an input is NaN or infinite.");
        string predictions = plan.IsClassifier ? Names.SpanOf + "<int>" : Names.Span;
        EntryPoint.Write(surface, core, "public void Predict(" + Names.ReadOnlySpan + " inputs, " + predictions + " predictions, int count)", () =>
        {
            WriteRowGuards(core, "count", targets: null);
            core.Line(Names.Guard + ".FiniteInputs(inputs, InputSize);");
            core.Line(plan.IsClassifier
                ? LengthGuard("predictions", "count", "1", "1 class")
                : LengthGuard("predictions", "count", "OutputSize", "OutputSize"));
            core.Line("int start = 0;");
            using (core.Block("while (start < count)"))
            {
                core.Line("int m = " + Names.Math + ".Min(MaxBatch, count - start);");
                core.Line("RunForward(inputs.Slice(start * InputSize, m * InputSize), m);");
                if (plan.IsClassifier)
                {
                    core.Line("for (int b = 0; b < m; b++)");
                    core.Line("    predictions[start + b] = " + Names.Losses + ".ArgMax(new " + Names.ReadOnlySpan + "(" + output.OutputField + ", b * OutputSize, OutputSize));");
                }
                else
                {
                    core.Line("new " + Names.ReadOnlySpan + "(" + output.OutputField + ", 0, m * OutputSize).CopyTo(predictions.Slice(start * OutputSize, m * OutputSize));");
                }

                core.Line("start += m;");
            }
        });
    }

    // public Evaluation Evaluate(inputs, targets, count) { guards; chunks of MaxBatch: RunForward, OutputLoss }
    private static void WriteEvaluate(SourceWriter surface, SourceWriter core, NetworkPlan plan, TargetKind targets)
    {
        surface.Line(plan.IsClassifier
            ? "/// <summary>The mean loss and the error rate (argmax against the label, the lowest index on ties), without training.</summary>"
            : "/// <summary>The mean loss, without training; a regressor has no error rate (NaN, 0 errors).</summary>");
        surface.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        surface.Line("/// <param name=\"targets\">" + targets.Description("count") + "</param>");
        surface.Line("/// <param name=\"count\">The number of rows; any number, run in batches of " + Names.Int(plan.MaxBatch) + ".</param>");
        surface.Line("/// <returns>The sum of the rows' losses divided by <paramref name=\"count\"/> (NaN for 0 rows)"
            + (plan.IsClassifier ? ", and the misclassified rows" : string.Empty) + ".</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match <paramref name=\"count\"/>, the count is negative, an input is NaN or infinite" + (targets.IsLabels ? " or a label is not a class." : "."));
        EntryPoint.Write(surface, core, "public " + Names.Evaluation + " Evaluate(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count)", () =>
        {
            WriteRowGuards(core, "count", targets);
            core.Line(Names.Guard + ".FiniteInputs(inputs, InputSize);");
            core.Line("double loss = 0;");
            core.Line(plan.IsClassifier ? "int start = 0, errors = 0;" : "int start = 0;");
            using (core.Block("while (start < count)"))
            {
                core.Line("int m = " + Names.Math + ".Min(MaxBatch, count - start);");
                core.Line("RunForward(inputs.Slice(start * InputSize, m * InputSize), m);");
                core.Line(plan.IsClassifier
                    ? "loss += OutputLoss(" + targets.Rows("targets", "start", "m") + ", m, ref errors);"
                    : "loss += OutputLoss(" + targets.Rows("targets", "start", "m") + ", m);");
                core.Line("start += m;");
            }

            core.Line(plan.IsClassifier
                ? "return new " + Names.Evaluation + "(loss / count, (double)errors / count, count, errors);"
                : "return new " + Names.Evaluation + "(loss / count, double.NaN, count, 0);");
        });
    }
}
