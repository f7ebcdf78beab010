using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The divergence guard of <c>TrainBatch</c> and <c>TrainEpoch</c>: a step that would produce a non-finite loss or
/// parameter is stopped (or undone) and reported with a <c>TrainingDivergedException</c>, the parameters left exactly
/// as they were before the step.
/// </summary>
/// <remarks>
/// <para>
/// The fused step updates each layer as soon as its gradient is known, so the check has to come first. Between the
/// loss and the first update, <c>GuardBeforeStep</c> checks that the loss is finite (if not, nothing has changed:
/// throw), then bounds everything the step will compute, from the output layer down, with <c>|sigma'| &lt;= 1</c>
/// for every activation: <c>sum|G_L|</c> exactly, <c>sum|G_{n-1}| &lt;= max|W_n| inputs_n sum|G_n|</c>, and the change of
/// any parameter of layer n, <c>max(1, |lr|) max(1, max|Z_{n-1}|) sum|G_n|</c>, which also bounds every partial sum of
/// the weight gradient. If every change is below <c>2^100</c>, no float in the step can overflow (a finite weight plus
/// a change below <c>2^102</c> rounds to a finite float) and, all operands being finite, none can be NaN: the step
/// runs as usual, having cost a few scans (the batch's inputs and hidden activations, the weights past the first
/// layer, the output gradient). Otherwise (a learning rate or gradients near <c>1e30</c>) it copies the parameters
/// first, and <c>GuardAfterStep</c> scans them after the step, restoring the copy and throwing if any went non-finite.
/// </para>
/// <para>
/// The hot path, <c>GuardBeforeStep</c>, calls one small method per layer (<c>GuardStep3</c>, ...), inlined, so that a
/// network of 64 layers keeps every method small; the paths that only run when a step went wrong walk tables of the
/// layers (where each layer's parameters start, its width, its names) instead of one block of code per layer.
/// </para>
/// <para>
/// The passes call it in two places (<see cref="WriteBeforeStepCall"/>, <see cref="WriteAfterStepCall"/>); the epochs set
/// <c>_guardBatch</c> and <c>_guardFirstRow</c> for its message.
/// </para>
/// </remarks>
internal static class GuardEmitter
{
    private const string DivergenceGuard = Names.DivergenceGuard;

    /// <summary>The hook in <c>RunTrainStep</c> after the loss: <c>bool backedUp = GuardBeforeStep(inputs, m, loss, learningRate);</c>.</summary>
    internal static void WriteBeforeStepCall(SourceWriter writer) =>
        writer.Line("bool backedUp = GuardBeforeStep(inputs, m, loss, learningRate);".PadRight(44) + " // divergence guard: a finite loss, a finite step");

    /// <summary>The hook in <c>RunTrainStep</c> before the return: <c>if (backedUp) GuardAfterStep(m, learningRate);</c>.</summary>
    internal static void WriteAfterStepCall(SourceWriter writer) =>
        writer.Line("if (backedUp) GuardAfterStep(m, learningRate);".PadRight(44) + " // divergence guard: undo a step that went non-finite");

    /// <summary>The guard's fields, tables and methods.</summary>
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line();
        writer.Line("// ---- The divergence guard of TrainBatch and TrainEpoch ----");
        writer.Line();
        writer.Line("// Where the current batch starts within TrainEpoch's data (0 for TrainBatch), for the guard's message.");
        writer.Line("private int _guardBatch, _guardFirstRow;");
        writer.Line();
        writer.Line("// The parameters before a step whose bounds did not prove it finite; allocated by the first such step.");
        writer.Line("private float[]? _guardBackup;");
        writer.Line();
        WriteTables(writer, plan);
        writer.Line();
        WriteGuardBeforeStep(writer, plan);
        foreach (LayerPlan t in plan.Layers.Reverse())
        {
            writer.Line();
            WriteGuardStep(writer, plan, t);
        }

        writer.Line();
        WriteGuardAfterStep(writer);
        writer.Line();
        WriteGuardGradients(writer);
        writer.Line();
        WriteGuardLoss(writer, plan);
        writer.Line();
        WriteThrowDiverged(writer);
    }

    // private static readonly int[] GuardLayerStarts = { 0, 78400, 79400 }; ... the layers as data, for the rare paths.
    private static void WriteTables(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("// The layers as data, for the paths that run only when a step went wrong: where each layer's parameters start (and");
        writer.Line("// where the last ends), each layer's units, the names of its tensors and of what its forward kernel stores.");
        writer.Line("private const int GuardLayers = " + Names.Int(plan.Layers.Count) + ";");
        writer.Line("private static readonly int[] GuardLayerStarts = { " + string.Join(", ", plan.Layers.Select(t => Names.Int(t.Layer.WeightOffset)).Append(Names.Int(plan.ParameterCount))) + " };");
        writer.Line("private static readonly int[] GuardLayerUnits = { " + string.Join(", ", plan.Layers.Select(t => Names.Int(t.Units))) + " };");
        writer.Line("private static readonly string[] GuardTensors = { " + string.Join(", ", plan.Layers.Select(t => "\"" + t.Weights + (t.HasBias ? ", " + t.Bias : string.Empty) + "\"")) + " };");
        writer.Line("private static readonly string[] GuardAffines = { " + string.Join(", ", plan.Layers.Select(t => "\"" + (t.KeepsPreActivation ? "the pre-activations " + t.Pre : "the activations " + t.Output) + "\"")) + " };");
    }

    // private bool GuardBeforeStep(inputs, m, loss, learningRate)
    // {
    //     GuardLoss(m, loss, learningRate);
    //     double rate = max(1, |lr|); g = sum|G_L|; g = GuardStepL(..., g, ref change); ...; GuardStep1(..., g, ref change);
    //     if (change < 2^100) return false;  backup; return true;
    // }
    private static void WriteGuardBeforeStep(SourceWriter writer, NetworkPlan plan)
    {
        LayerPlan output = plan.OutputLayer;
        writer.Line("/// <summary>");
        writer.Line("/// The divergence guard before any parameter changes: the loss must be finite (else throw; nothing has changed), then");
        writer.Line("/// bounds on the step, output layer down, with |sigma'| &lt;= 1: <c>sum|G_n|</c> (exact for <c>" + output.Delta + "</c>, then");
        writer.Line("/// <c>sum|G_{n-1}| &lt;= max|W_n| inputs_n sum|G_n|</c>) and each layer's largest change <c>max(1, |lr|) max(1, max|Z_{n-1}|) sum|G_n|</c>.");
        writer.Line("/// Below 2^100 the step cannot overflow or make a NaN and runs as it is; otherwise the parameters are copied first.");
        writer.Line("/// </summary>");
        writer.Line("/// <returns>Whether the parameters were copied, so that <see cref=\"GuardAfterStep\"/> must check the step.</returns>");
        WriteGeneratedCode(writer);
        using (writer.Block("private bool GuardBeforeStep(" + Names.ReadOnlySpan + " inputs, int m, double loss, float learningRate)"))
        {
            writer.Line("GuardLoss(m, loss, learningRate);");
            writer.Line();
            writer.Line("// sum|" + output.Delta + "|, from the loss layer; a NaN or infinity in it stops the step here.");
            writer.Line("double rate = " + Names.Math + ".Max(1.0, " + Names.Math + ".Abs((double)learningRate));");
            writer.Line("double g = " + DivergenceGuard + ".SumAbs(" + Rows(output.DeltaField, output.UnitsConst) + ");");
            writer.Line("if (!double.IsFinite(g))");
            writer.Line("    ThrowDiverged(m, learningRate, " + output.N + ", \"the gradient " + output.Delta + "\");");
            writer.Line();
            writer.Line("// The largest change any parameter can take, layer by layer from the output down.");
            writer.Line("double change = 0;");
            foreach (LayerPlan t in plan.Layers.Reverse())
                writer.Line((t.IsFirst ? string.Empty : "g = ") + "GuardStep" + t.N + "(" + (t.IsFirst ? "inputs, " : string.Empty) + "m, rate, g, ref change);");
            writer.Line("if (change < " + DivergenceGuard + ".SafeMagnitude)");
            writer.Line("    return false; // proven: every float of the step stays finite (NaN bounds fail this test)");
            writer.Line();
            writer.Line("// Not proven (a huge learning rate, gradient or activation): keep a copy to restore.");
            writer.Line("_guardBackup ??= new float[ParameterCount];");
            writer.Line("global::System.Array.Copy(_parameters, _guardBackup, ParameterCount);");
            writer.Line("return true;");
        }
    }

    // private double GuardStep2(int m, double rate, double g, ref double change): layer 2's largest change; returns sum|G1|'s bound.
    private static void WriteGuardStep(SourceWriter writer, NetworkPlan plan, LayerPlan t)
    {
        string input = t.IsFirst ? "inputs" : Rows(t.InputField, t.InputsConst);
        writer.Line("/// <summary>Layer " + t.N + " of <see cref=\"GuardBeforeStep\"/>, with <paramref name=\"g\"/> bounding <c>sum|" + t.Delta + "|</c>: "
            + (t.IsFirst ? "its largest change." : "its largest change, and the bound of <c>sum|" + plan.Before(t).Delta + "|</c>.") + "</summary>");
        WriteGeneratedCode(writer);
        writer.Line("[" + Names.MethodImpl + "(" + Names.MethodImplOptions + ".AggressiveInlining)]");
        string signature = "private " + (t.IsFirst ? "void" : "double") + " GuardStep" + t.N + "(" + (t.IsFirst ? Names.ReadOnlySpan + " inputs, " : string.Empty)
            + "int m, double rate, double g, ref double change)";
        using (writer.Block(signature))
        {
            writer.Line("// " + t.Weights + (t.HasBias ? ", " + t.Bias : string.Empty) + ": max(1, |lr|) max(1, max|" + t.Input + "|) sum|" + t.Delta + "|");
            writer.Line("change = " + Names.Math + ".Max(change, rate * " + Names.Math + ".Max(1.0, " + DivergenceGuard + ".MaxAbs(" + input + ")) * g);");
            if (t.IsFirst)
                return;
            string w = "new " + Names.ReadOnlySpan + "(_parameters, " + t.WeightOffset + ", " + t.InputsConst + " * " + t.UnitsConst + ")";
            // SiLU's and GELU's derivatives reach 1.1 and 1.13: the bound of the gradient handed to such a layer takes a factor
            // 1.25 (the others' |sigma'| <= 1).
            string steep = plan.Before(t).Activation is Activation.SiLU or Activation.GELU ? "1.25 * " : string.Empty;
            writer.Line("return " + steep + DivergenceGuard + ".MaxAbs(" + w + ") * " + t.InputsConst + " * g; // sum|" + plan.Before(t).Delta + "| <= " + steep
                + "max|" + t.Weights + "| " + Names.Int(t.Inputs) + " sum|" + t.Delta + "|");
        }
    }

    // private void GuardAfterStep(int m, float learningRate): any non-finite parameter -> restore the copy, throw.
    private static void WriteGuardAfterStep(SourceWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// After a step that <see cref=\"GuardBeforeStep\"/> could not prove finite: if a parameter went NaN or infinite, restore");
        writer.Line("/// the copy and throw, naming the first non-finite gradient (output layer down) or else the layer's parameters.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void GuardAfterStep(int m, float learningRate)"))
        {
            writer.Line("int layer = 0;");
            writer.Line("for (int n = GuardLayers; n >= 1 && layer == 0; n--)");
            using (writer.Block())
            {
                writer.Line("var parameters = new " + Names.ReadOnlySpan + "(_parameters, GuardLayerStarts[n - 1], GuardLayerStarts[n] - GuardLayerStarts[n - 1]);");
                writer.Line("if (" + DivergenceGuard + ".FirstNonFinite(parameters) >= 0)");
                writer.Line("    layer = n;");
            }

            writer.Line("if (layer == 0)");
            writer.Line("    return;");
            writer.Line();
            writer.Line("global::System.Array.Copy(_guardBackup!, _parameters, ParameterCount);");
            writer.Line("float[][] gradients = GuardGradientBuffers();");
            writer.Line("for (int n = GuardLayers - 1; n >= 1; n--)");
            using (writer.Block())
            {
                writer.Line("if (" + DivergenceGuard + ".FirstNonFinite(new " + Names.ReadOnlySpan + "(gradients[n - 1], 0, m * GuardLayerUnits[n - 1])) >= 0)");
                writer.Line("    ThrowDiverged(m, learningRate, n, \"the gradient G\" + n.ToString(global::System.Globalization.CultureInfo.InvariantCulture));");
            }

            writer.Line("ThrowDiverged(m, learningRate, layer, \"the parameters\");");
        }
    }

    // private bool GuardGradients(int m, double loss, float learningRate): the unfused step's check, on Gradients.
    private static void WriteGuardGradients(SourceWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// The divergence guard of the unfused step (<c>TrainEpoch</c> with a <c>GradientHealth</c>), with <see cref=\"Gradients\"/> full and");
        writer.Line("/// nothing changed yet: the loss and every gradient must be finite (else throw), and if <c>|lr| max|g|</c> reaches 2^100 the");
        writer.Line("/// parameters are copied for <see cref=\"GuardAfterStep\"/>.");
        writer.Line("/// </summary>");
        writer.Line("/// <returns>Whether the parameters were copied.</returns>");
        WriteGeneratedCode(writer);
        using (writer.Block("private bool GuardGradients(int m, double loss, float learningRate)"))
        {
            writer.Line("GuardLoss(m, loss, learningRate);");
            writer.Line("float largest = 0f;");
            writer.Line("for (int n = GuardLayers; n >= 1; n--)");
            using (writer.Block())
            {
                writer.Line("var gradient = new " + Names.ReadOnlySpan + "(_gradients, GuardLayerStarts[n - 1], GuardLayerStarts[n] - GuardLayerStarts[n - 1]);");
                writer.Line("float g = " + DivergenceGuard + ".MaxAbs(gradient);");
                writer.Line("if (!float.IsFinite(g))");
                writer.Line("    ThrowDiverged(m, learningRate, n, \"the gradient of \" + GuardTensors[n - 1]);");
                writer.Line("largest = " + Names.MathF + ".Max(largest, g);");
            }

            writer.Line("if (" + Names.Math + ".Abs((double)learningRate) * largest < " + DivergenceGuard + ".SafeMagnitude)");
            writer.Line("    return false;");
            writer.Line("_guardBackup ??= new float[ParameterCount];");
            writer.Line("global::System.Array.Copy(_parameters, _guardBackup, ParameterCount);");
            writer.Line("return true;");
        }
    }

    // private void GuardLoss(int m, double loss, float learningRate): a non-finite batch loss -> name the first non-finite layer, throw.
    private static void WriteGuardLoss(SourceWriter writer, NetworkPlan plan)
    {
        string reduced = plan.Reduction == Reduction.Mean ? "(float)(loss / m)" : "(float)loss";
        writer.Line("/// <summary>");
        writer.Line("/// Throws unless the batch loss (as returned, " + (plan.Reduction == Reduction.Mean ? "the mean" : "the sum") + " in float) is finite, naming the first layer whose");
        writer.Line("/// pre-activations or activations went NaN or infinite, or else the loss itself.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void GuardLoss(int m, double loss, float learningRate)"))
        {
            writer.Line("if (float.IsFinite(" + reduced + "))");
            writer.Line("    return;");
            writer.Line("float[][] affines = { " + string.Join(", ", plan.Layers.Select(t => t.AffineField)) + " };");
            writer.Line("for (int n = 1; n <= GuardLayers; n++)");
            using (writer.Block())
            {
                writer.Line("if (" + DivergenceGuard + ".FirstNonFinite(new " + Names.ReadOnlySpan + "(affines[n - 1], 0, m * GuardLayerUnits[n - 1])) >= 0)");
                writer.Line("    ThrowDiverged(m, learningRate, n, GuardAffines[n - 1]);");
            }

            writer.Line("ThrowDiverged(m, learningRate, " + Names.Int(plan.OutputLayer.Number) + ", \"the loss\");");
        }

        writer.Line();
        writer.Line("/// <summary>Each layer's G buffer, for the guard's message (only on the way to a throw).</summary>");
        writer.Line("private float[][] GuardGradientBuffers() => new[] { " + string.Join(", ", plan.Layers.Select(t => t.DeltaField)) + " };");
    }

    // private void ThrowDiverged(int m, float learningRate, int layer, string quantity)
    private static void WriteThrowDiverged(SourceWriter writer)
    {
        writer.Line("/// <summary>Throws the <c>TrainingDivergedException</c> for the current batch, and resets the batch position.</summary>");
        WriteGeneratedCode(writer);
        writer.Line("[global::System.Diagnostics.CodeAnalysis.DoesNotReturn]");
        using (writer.Block("private void ThrowDiverged(int m, float learningRate, int layer, string quantity)"))
        {
            writer.Line("int batch = _guardBatch, firstRow = _guardFirstRow;");
            writer.Line("_guardBatch = _guardFirstRow = 0;");
            writer.Line("throw new " + Names.DivergedException + "(batch, firstRow, m, layer, quantity, learningRate);");
        }
    }
}
