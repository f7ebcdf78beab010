using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private void OutputGradient(int m, int first, int end)
    // {
    //     // G2 = (softmax(Z2) - I_y) / m ... for rows [first, end), each row's loss into _rowLosses
    //     Losses.SoftmaxCrossEntropyRows(_z2, _labels, _g2, _rowLosses, OutputSize, first, end, scale);
    // }
    private static void WriteOutputGradient(SourceWriter writer, NetworkPlan plan)
    {
        LayerPlan t = plan.OutputLayer;
        bool mean = plan.Reduction == Reduction.Mean;
        string perM = mean ? " / m" : string.Empty;
        string equation;
        string scale;
        if (plan.IsClassifier)
        {
            equation = t.Delta + " = (softmax(" + t.Output + ") - I_y)" + perM;
            scale = mean ? "1f / m" : "1f";
        }
        else
        {
            bool half = plan.Loss == Loss.HalfSquaredError;
            string residual = "(" + t.Output + " - Y)";
            string gradient = half ? residual : "2 " + residual;
            equation = t.Delta + " = " + (t.DerivativeText is null ? gradient : gradient + " o " + t.DerivativeText) + perM;
            scale = (half ? "1f" : "2f") + (mean ? " / m" : string.Empty);
        }

        writer.Line("/// <summary>");
        writer.Line("/// The loss layer for rows <c>[first, end)</c> of a batch of <paramref name=\"m\"/>: <c>" + equation + "</c>, the gradient of the");
        writer.Line("/// " + (mean ? "mean" : "summed") + " loss with respect to the output layer's pre-activation, from the targets in <c>" + (plan.IsClassifier ? "_labels" : "_targets")
            + "</c>; each row's loss into <c>_rowLosses</c>.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"m\">The rows in the batch.</param>");
        writer.Line("/// <param name=\"first\">The first row.</param>");
        writer.Line("/// <param name=\"end\">The row after the last.</param>");
        WriteKernelAttributes(writer);
        using (writer.Block("private void OutputGradient(int m, int first, int end)"))
        {
            if (plan.IsClassifier)
            {
                writer.Line("// " + equation + (mean ? ": the notes' 1/m of the mean, folded in here once" : string.Empty));
                writer.Line("// The loss of row b: log(sum_j exp(" + t.Output + "[b, j])) - " + t.Output + "[b, y_b], with the row maximum subtracted first.");
                writer.Line(Names.Losses + ".SoftmaxCrossEntropyRows(" + t.OutputField + ", _labels, " + t.DeltaField + ", _rowLosses, OutputSize, first, end, " + scale + ");");
            }
            else
            {
                writer.Line("// " + equation + (mean ? ": the 1/m of the mean folded in here once" : string.Empty));
                writer.Line("// The loss of row b: " + (plan.Loss == Loss.HalfSquaredError ? "1/2 " : string.Empty) + "||" + t.Output + "[b, :] - Y[b, :]||^2.");
                writer.Line("float scale = " + scale + ";");
                using (writer.Block("for (int b = first; b < end; b++)"))
                {
                    string output = "new " + Names.ReadOnlySpan + "(" + t.OutputField + ", b * OutputSize, OutputSize)";
                    string gradient = "new " + Names.Span + "(" + t.DeltaField + ", b * OutputSize, OutputSize)";
                    string targets = "new " + Names.ReadOnlySpan + "(_targets, b * OutputSize, OutputSize)";
                    string loss = Names.Losses + ".SquaredError(" + output + ", " + targets + ", " + gradient + ", scale)";
                    writer.Line("_rowLosses[b] = " + (plan.Loss == Loss.HalfSquaredError ? "0.5 * " : string.Empty) + loss + ";");
                }
            }

            WriteOutputDerivative(writer, t);
        }
    }

    // for (int k = first * OutputSize; k < end * OutputSize; k++) _g3[k] *= Activations.TanhDerivative(_p3[k]);
    private static void WriteOutputDerivative(SourceWriter writer, LayerPlan t)
    {
        if (t.DerivativeText is null)
            return;
        writer.Line("// ... o " + t.DerivativeText + ", the output activation's derivative");
        using (writer.Block("for (int k = first * OutputSize; k < end * OutputSize; k++)"))
        {
            writer.Line(t.Layer.Activation == Activation.ReLU
                ? "if (" + t.OutputField + "[k] <= 0f) " + t.DeltaField + "[k] = 0f;"
                : t.DeltaField + "[k] *= " + t.DerivativeCall(t.PreField + "[k]") + ";");
        }
    }

    // private double OutputLoss(ReadOnlySpan<int> labels, int m, ref int errors): the rows' losses and misclassifications.
    private static void WriteOutputLoss(SourceWriter writer, NetworkPlan plan)
    {
        LayerPlan t = plan.OutputLayer;
        writer.Line(plan.IsClassifier
            ? "/// <summary>The sum of the rows' losses at the logits <c>" + t.Output + "</c>, counting the rows whose argmax is not the label.</summary>"
            : "/// <summary>The sum of the rows' losses at the outputs <c>" + t.Output + "</c>.</summary>");
        WriteGeneratedCode(writer);
        string signature = plan.IsClassifier
            ? "private double OutputLoss(" + TargetKind.CoreSpanType(plan) + " labels, int m, ref int errors)"
            : "private double OutputLoss(" + TargetKind.CoreSpanType(plan) + " targets, int m)";
        using (writer.Block(signature))
        {
            writer.Line("double loss = 0;");
            using (writer.Block("for (int b = 0; b < m; b++)"))
            {
                string row = "new " + Names.ReadOnlySpan + "(" + t.OutputField + ", b * OutputSize, OutputSize)";
                if (plan.IsClassifier)
                {
                    writer.Line("var logits = " + row + ";");
                    writer.Line("loss += " + Names.Losses + ".SoftmaxCrossEntropy(logits, labels[b]);");
                    writer.Line("if (" + Names.Losses + ".ArgMax(logits) != labels[b])");
                    writer.Line("    errors++;");
                }
                else
                {
                    writer.Line("loss += " + Names.Losses + ".SquaredError(" + row + ", targets.Slice(b * OutputSize, OutputSize));");
                }
            }

            writer.Line(plan.Loss == Loss.HalfSquaredError ? "return 0.5 * loss;" : "return loss;");
        }
    }

    // private void SetTargets(ReadOnlySpan<byte> targets): a batch's targets into _labels (or _targets), where every pass and worker reads them.
    private static void WriteSetTargets(SourceWriter writer, NetworkPlan plan, TargetKind kind)
    {
        writer.Line(kind.IsLabels
            ? "/// <summary>Copies a batch's labels (at most MaxBatch) into <c>_labels</c>, as <c>int</c>, for the passes to read.</summary>"
            : "/// <summary>Copies a batch's targets (at most MaxBatch rows) into <c>_targets</c>, for the passes to read.</summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void SetTargets(" + kind.SpanType + " targets)"))
        {
            if (!kind.IsLabels)
            {
                writer.Line("targets.CopyTo(_targets);");
            }
            else if (kind == TargetKind.Ints)
            {
                writer.Line("targets.CopyTo(_labels);");
            }
            else
            {
                writer.Line("for (int b = 0; b < targets.Length; b++)");
                writer.Line("    _labels[b] = targets[b];");
            }
        }
    }

    // private ReadOnlySpan<int> WidenLabels(ReadOnlySpan<byte> labels): byte labels into the int label buffer.
    private static void WriteWidenLabels(SourceWriter writer)
    {
        writer.Line("/// <summary>Copies at most MaxBatch byte labels into the label buffer, as <c>int</c>.</summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private " + Names.ReadOnlySpanOf + "<int> WidenLabels(" + Names.ReadOnlySpanOf + "<byte> labels)"))
        {
            writer.Line("for (int b = 0; b < labels.Length; b++)");
            writer.Line("    _labels[b] = labels[b];");
            writer.Line("return new " + Names.ReadOnlySpanOf + "<int>(_labels, 0, labels.Length);");
        }
    }
}
