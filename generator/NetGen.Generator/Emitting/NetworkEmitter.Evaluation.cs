using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // public Evaluation Evaluate(inputs, targets, count) { guards; chunks of MaxBatch: RunForward, OutputLoss }
    private static void WriteEvaluate(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line(plan.IsClassifier
            ? "/// <summary>The mean loss and the error rate (argmax against the label, the lowest index on ties), without training.</summary>"
            : "/// <summary>The mean loss, without training; a regressor has no error rate (NaN, 0 errors).</summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("count") + "</param>");
        writer.Line("/// <param name=\"count\">The number of rows; any number, run in batches of " + Names.Int(plan.MaxBatch) + ".</param>");
        writer.Line("/// <returns>The sum of the rows' losses divided by <paramref name=\"count\"/> (NaN for 0 rows)"
            + (plan.IsClassifier ? ", and the misclassified rows" : string.Empty) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match <paramref name=\"count\"/>, the count is negative, an input is NaN or infinite" + (targets.IsLabels ? " or a label is not a class." : "."));
        WriteGeneratedCode(writer);
        using (writer.Block("public " + Names.Evaluation + " Evaluate(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count)"))
        {
            WriteCallerGate(writer, "Evaluate"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteRowGuards(writer, "count", targets);
            writer.Line(Names.Guard + ".FiniteInputs(inputs, InputSize);");
            writer.Line("double loss = 0;");
            writer.Line(plan.IsClassifier ? "int start = 0, errors = 0;" : "int start = 0;");
            using (writer.Block("while (start < count)"))
            {
                writer.Line("int m = " + Names.Math + ".Min(MaxBatch, count - start);");
                writer.Line("RunForward(inputs.Slice(start * InputSize, m * InputSize), m);");
                writer.Line(plan.IsClassifier
                    ? "loss += OutputLoss(" + targets.Rows("targets", "start", "m") + ", m, ref errors);"
                    : "loss += OutputLoss(" + targets.Rows("targets", "start", "m") + ", m);");
                writer.Line("start += m;");
            }

            writer.Line(plan.IsClassifier
                ? "return new " + Names.Evaluation + "(loss / count, (double)errors / count, count, errors);"
                : "return new " + Names.Evaluation + "(loss / count, double.NaN, count, 0);");
        }
    }
}
