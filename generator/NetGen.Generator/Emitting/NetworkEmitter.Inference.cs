using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize) { guards; RunForward; copy Z_L }
    private static void WriteForward(SourceWriter writer, NetworkPlan plan)
    {
        LayerPlan output = plan.OutputLayer;
        writer.Line("/// <summary>Runs the network on a batch: " + string.Join(", ", plan.Layers.Select(t => "<c>" + t.Equation + "</c>")) + ".</summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[batchSize x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"outputs\">Receives row-major <c>[batchSize x " + Names.Int(plan.OutputSize) + "]</c>: "
            + (plan.IsClassifier ? "the logits" : "the outputs") + " <c>" + output.Output + "</c>.</param>");
        writer.Line("/// <param name=\"batchSize\">The number of rows, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
        WriteArgumentExceptionDoc(writer, "A span's length does not match <paramref name=\"batchSize\"/>, or <paramref name=\"batchSize\"/> is out of range.");
        WriteGeneratedCode(writer);
        using (writer.Block("public void Forward(" + Names.ReadOnlySpan + " inputs, " + Names.Span + " outputs, int batchSize)"))
        {
            WriteCallerGate(writer, "Forward"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteRowGuards(writer, "batchSize", targets: null);
            writer.Line(LengthGuard("outputs", "batchSize", "OutputSize", "OutputSize"));
            writer.Line("RunForward(inputs, batchSize);");
            writer.Line("new " + Names.ReadOnlySpan + "(" + output.OutputField + ", 0, batchSize * OutputSize).CopyTo(outputs);");
        }
    }

    // public void Predict(ReadOnlySpan<float> inputs, Span<int> predictions, int count): chunks of MaxBatch, argmax or copy.
    private static void WritePredict(SourceWriter writer, NetworkPlan plan)
    {
        LayerPlan output = plan.OutputLayer;
        writer.Line(plan.IsClassifier
            ? "/// <summary>Writes the most likely class of each row: the argmax of the logits, the lowest index on ties.</summary>"
            : "/// <summary>Writes the network's outputs for any number of rows.</summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line(plan.IsClassifier
            ? "/// <param name=\"predictions\">Receives <paramref name=\"count\"/> class indices.</param>"
            : "/// <param name=\"predictions\">Receives row-major <c>[count x " + Names.Int(plan.OutputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"count\">The number of rows; any number, run in batches of " + Names.Int(plan.MaxBatch) + ".</param>");
        WriteArgumentExceptionDoc(writer, "A span's length does not match <paramref name=\"count\"/>, <paramref name=\"count\"/> is negative, or an input is NaN or infinite.");
        WriteGeneratedCode(writer);
        string predictions = plan.IsClassifier ? Names.SpanOf + "<int>" : Names.Span;
        using (writer.Block("public void Predict(" + Names.ReadOnlySpan + " inputs, " + predictions + " predictions, int count)"))
        {
            WriteCallerGate(writer, "Predict"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteRowGuards(writer, "count", targets: null);
            writer.Line(Names.Guard + ".FiniteInputs(inputs, InputSize);");
            writer.Line(plan.IsClassifier
                ? LengthGuard("predictions", "count", "1", "1 class")
                : LengthGuard("predictions", "count", "OutputSize", "OutputSize"));
            writer.Line("int start = 0;");
            using (writer.Block("while (start < count)"))
            {
                writer.Line("int m = " + Names.Math + ".Min(MaxBatch, count - start);");
                writer.Line("RunForward(inputs.Slice(start * InputSize, m * InputSize), m);");
                if (plan.IsClassifier)
                {
                    writer.Line("for (int b = 0; b < m; b++)");
                    writer.Line("    predictions[start + b] = " + Names.Losses + ".ArgMax(new " + Names.ReadOnlySpan + "(" + output.OutputField + ", b * OutputSize, OutputSize));");
                }
                else
                {
                    writer.Line("new " + Names.ReadOnlySpan + "(" + output.OutputField + ", 0, m * OutputSize).CopyTo(predictions.Slice(start * OutputSize, m * OutputSize));");
                }

                writer.Line("start += m;");
            }
        }
    }

    // private void RunForward(ReadOnlySpan<float> inputs, int m) { ForwardLayer1(inputs, 0, m, work); ForwardLayer2(0, m); }
    private static void WriteRunForward(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>The forward pass over <paramref name=\"m\"/> rows, layer by layer.</summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"m\">The number of rows.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void RunForward(" + Names.ReadOnlySpan + " inputs, int m)"))
        {
            if (plan.Layers.Any(t => t.ListsInputs))
                writer.Line("Workspace work = _workspaces[0];");
            foreach (LayerPlan t in plan.Layers)
                writer.Line(ForwardCall(t, "0", "m", "work").PadRight(44) + " // " + t.Equation);
        }
    }
}
