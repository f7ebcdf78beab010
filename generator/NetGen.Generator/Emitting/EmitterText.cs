using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>The small pieces of text several emitters write: attributes, argument checks, doc lines, row spans.</summary>
internal static class EmitterText
{
    /// <summary><c>[GeneratedCode("NetGen.Generator", "0.1.0.0")]</c>.</summary>
    public static void WriteGeneratedCode(SourceWriter writer) =>
        writer.Line("[" + Names.GeneratedCode + "(\"NetGen.Generator\", \"" + Names.GeneratorVersion + "\")]");

    /// <summary>
    /// <c>[GeneratedCode]</c> and <c>[MethodImpl(MethodImplOptions.AggressiveOptimization)]</c>: a kernel is optimized from
    /// its first call, with no slow tier-0 version (the kernels file's header says so once).
    /// </summary>
    public static void WriteKernelAttributes(SourceWriter writer)
    {
        WriteGeneratedCode(writer);
        writer.Line("[" + Names.MethodImpl + "(" + Names.MethodImplOptions + ".AggressiveOptimization)]");
    }

    /// <summary>
    /// <c>NetworkGuard.BatchSize(batchSize, MaxBatch); NetworkGuard.Length(inputs.Length, ...); ...</c>, in the reference
    /// interpreter's order: rows, inputs, targets (length, then labels).
    /// </summary>
    public static void WriteRowGuards(SourceWriter writer, string rows, TargetKind? targets)
    {
        writer.Line(rows == "batchSize"
            ? Names.Guard + ".BatchSize(batchSize, MaxBatch);"
            : Names.Guard + ".Count(count);");
        writer.Line(LengthGuard("inputs", rows, "InputSize", "InputSize"));
        if (targets is null)
            return;
        if (targets.IsLabels)
        {
            writer.Line(LengthGuard("targets", rows, "1", "1 label"));
            writer.Line(Names.Guard + ".Labels(targets, OutputSize);");
        }
        else
        {
            writer.Line(LengthGuard("targets", rows, "OutputSize", "OutputSize"));
        }
    }

    public static string LengthGuard(string span, string rows, string width, string widthName) =>
        Names.Guard + ".Length(" + span + ".Length, " + rows + ", " + width + ", \"" + span + "\", \"" + rows + "\", \"" + widthName + "\");";

    public static void WriteLearningRateGuard(SourceWriter writer) =>
        writer.Line(Names.Guard + ".LearningRate(learningRate);");

    public static void WriteArgumentExceptionDoc(SourceWriter writer, string what) =>
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">" + what + " Nothing is written.</exception>");

    /// <summary>The exception line of the docs of the training entry points.</summary>
    public static void WriteDivergedExceptionDoc(SourceWriter writer) =>
        writer.Line("/// <exception cref=\"" + Names.DivergedException + "\">The step produced a NaN or infinite loss or parameter; the parameters are those from before it.</exception>");

    public static void WriteBatchParameterDocs(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <param name=\"inputs\">Row-major <c>[batchSize x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("batchSize") + "</param>");
        writer.Line("/// <param name=\"batchSize\">The number of rows, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
    }

    public static void WriteEpochParameterDocs(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("count") + "</param>");
        writer.Line("/// <param name=\"count\">The number of rows.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        writer.Line("/// <param name=\"batchSize\">The rows per step, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
    }

    public static string ReductionText(NetworkPlan plan) =>
        plan.Reduction == Reduction.Mean ? "the mean of the rows' losses" : "the sum of the rows' losses";

    /// <summary>The batch loss from the sum of the rows' losses: divided by the batch size for the mean.</summary>
    public static string Reduce(NetworkPlan plan, string sum) =>
        plan.Reduction == Reduction.Mean ? "(" + sum + " / batchSize)" : "(" + sum + ")";

    /// <summary>Where the passes read a batch's targets, for their docs.</summary>
    public static string TargetField(NetworkPlan plan) => plan.IsClassifier ? "<c>_labels</c>" : "<c>_targets</c>";

    /// <summary><c>new ReadOnlySpan&lt;float&gt;(buffer, 0, m * width)</c>: the batch's rows of a buffer.</summary>
    public static string Rows(string buffer, string width) =>
        "new " + Names.ReadOnlySpan + "(" + buffer + ", 0, m * " + width + ")";

    /// <summary><c>G2 = (softmax(Z2) - I_y) / m</c> and the like, in comments.</summary>
    public static string OutputGradientText(NetworkPlan plan)
    {
        LayerPlan output = plan.OutputLayer;
        string mean = plan.Reduction == Reduction.Mean ? " / m" : string.Empty;
        return plan.IsClassifier
            ? "(softmax(" + output.Output + ") - I_y)" + mean
            : (plan.Loss == Loss.HalfSquaredError ? "(" : "2 (") + output.Output + " - Y)" + (output.DerivativeText is null ? string.Empty : " o " + output.DerivativeText) + mean;
    }

    /// <summary><c>G1 = 1{Z1 &gt; 0} o (G2 W2^T)</c>: the gradient layer <paramref name="t"/> hands to the layer before.</summary>
    public static string PropagateEquation(NetworkPlan plan, LayerPlan t)
    {
        LayerPlan previous = plan.Before(t);
        string product = t.Delta + " " + t.Weights + "^T";
        return previous.Delta + " = " + (previous.DerivativeText is null ? product : previous.DerivativeText + " o (" + product + ")");
    }
}
