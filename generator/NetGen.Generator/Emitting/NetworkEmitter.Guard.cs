using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

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
/// The hooks in the shared files are four lines: in <c>RunTrainStep</c>, <c>GuardBeforeStep</c> after the loss and
/// <c>GuardAfterStep</c> before the return; in <c>TrainEpoch</c>'s loop, the batch index and first row for the
/// message, reset after the loop.
/// </para>
/// </remarks>
internal static partial class NetworkEmitter
{
    private const string DivergenceGuard = "global::NetGen.Training.DivergenceGuard";
    private const string DivergedException = "global::NetGen.Training.TrainingDivergedException";

    /// <summary>The hook in <c>RunTrainStep</c> after the loss: <c>bool backedUp = GuardBeforeStep(inputs, m, loss, learningRate);</c>.</summary>
    private static void WriteGuardBeforeStepCall(SourceWriter writer) =>
        writer.Line("bool backedUp = GuardBeforeStep(inputs, m, loss, learningRate);".PadRight(44) + " // divergence guard: a finite loss, a finite step (NetworkEmitter.Guard.cs)");

    /// <summary>The hook in <c>RunTrainStep</c> before the return: <c>if (backedUp) GuardAfterStep(m, learningRate);</c>.</summary>
    private static void WriteGuardAfterStepCall(SourceWriter writer) =>
        writer.Line("if (backedUp) GuardAfterStep(m, learningRate);".PadRight(44) + " // divergence guard: undo a step that went non-finite");

    /// <summary>The hook in <c>TrainEpoch</c>'s loop: where the batch starts, for the guard's message.</summary>
    private static void WriteGuardBatchCall(SourceWriter writer) =>
        writer.Line("_guardBatch = batches; _guardFirstRow = start; // for the divergence guard's message");

    /// <summary>The hook in <c>TrainEpoch</c> after the loop.</summary>
    private static void WriteGuardBatchReset(SourceWriter writer) =>
        writer.Line("_guardBatch = _guardFirstRow = 0;");

    /// <summary>The exception line of the docs of <c>TrainBatch</c> and <c>TrainEpoch</c>.</summary>
    private static void WriteDivergedExceptionDoc(SourceWriter writer) =>
        writer.Line("/// <exception cref=\"" + DivergedException + "\">The step produced a NaN or infinite loss or parameter; the parameters are those from before it.</exception>");

    // The guard's fields and methods, after the per-layer methods.
    private static void WriteGuardMembers(SourceWriter writer, NetworkPlan plan)
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
        WriteGuardBeforeStep(writer, plan);
        writer.Line();
        WriteGuardAfterStep(writer, plan);
        writer.Line();
        WriteGuardGradients(writer, plan);
        writer.Line();
        WriteGuardLoss(writer, plan);
        writer.Line();
        WriteThrowDiverged(writer);
    }

    // private bool GuardBeforeStep(inputs, m, loss, learningRate)
    // {
    //     GuardLoss(m, loss, learningRate);
    //     double rate = max(1, |lr|); g2 = sum|G2|; g1 = max|W2| L2Inputs g2; change = max over layers of rate max(1, max|Z_{n-1}|) g_n;
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
            string g = "g" + output.N;
            writer.Line("double " + g + " = " + DivergenceGuard + ".SumAbs(" + Rows(output.DeltaField, output.UnitsConst) + ");");
            writer.Line("if (!double.IsFinite(" + g + "))");
            writer.Line("    ThrowDiverged(m, learningRate, " + output.N + ", \"the gradient " + output.Delta + "\");");
            writer.Line();
            writer.Line("// The largest change any parameter can take, layer by layer from the output down.");
            writer.Line("double change = 0;");
            foreach (LayerPlan t in plan.Layers.Reverse())
            {
                string gn = "g" + t.N;
                if (t.Layer.Index < plan.Layers.Count - 1)
                {
                    LayerPlan next = plan.Layers[t.Layer.Index + 1];
                    string gNext = "g" + next.N;
                    string w = "new " + Names.ReadOnlySpan + "(_parameters, " + next.WeightOffset + ", " + next.InputsConst + " * " + next.UnitsConst + ")";
                    // SiLU's and GELU's derivatives reach 1.1 and 1.13: their layers' bound takes a factor 1.25 (the others' |sigma'| <= 1).
                    string steep = t.Layer.Activation is Activation.SiLU or Activation.GELU ? "1.25 * " : string.Empty;
                    writer.Line("double " + gn + " = " + steep + DivergenceGuard + ".MaxAbs(" + w + ") * " + next.InputsConst + " * " + gNext + "; // sum|" + t.Delta + "| <= " + steep + "max|" + next.Weights + "| " + Names.Int(next.Layer.Inputs) + " sum|" + next.Delta + "|");
                }

                string input = t.IsFirst ? "inputs" : Rows(t.InputField, t.InputsConst);
                writer.Line("change = " + Names.Math + ".Max(change, rate * " + Names.Math + ".Max(1.0, " + DivergenceGuard + ".MaxAbs(" + input + ")) * " + gn + "); // " + t.Weights
                    + (t.Layer.HasBias ? ", " + t.Bias : string.Empty) + ": max(1, |lr|) max(1, max|" + t.Input + "|) sum|" + t.Delta + "|");
            }

            writer.Line("if (change < " + DivergenceGuard + ".SafeMagnitude)");
            writer.Line("    return false; // proven: every float of the step stays finite (NaN bounds fail this test)");
            writer.Line();
            writer.Line("// Not proven (a huge learning rate, gradient or activation): keep a copy to restore.");
            writer.Line("_guardBackup ??= new float[ParameterCount];");
            writer.Line("global::System.Array.Copy(_parameters, _guardBackup, ParameterCount);");
            writer.Line("return true;");
        }
    }

    // private void GuardAfterStep(int m, float learningRate): any non-finite parameter -> restore the copy, throw.
    private static void WriteGuardAfterStep(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// After a step that <see cref=\"GuardBeforeStep\"/> could not prove finite: if a parameter went NaN or infinite, restore");
        writer.Line("/// the copy and throw, naming the first non-finite gradient (output layer down) or else the layer's parameters.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void GuardAfterStep(int m, float learningRate)"))
        {
            writer.Line("int layer = 0;");
            foreach (LayerPlan t in plan.Layers.Reverse())
            {
                writer.Line("if (layer == 0 && " + DivergenceGuard + ".FirstNonFinite(new " + Names.ReadOnlySpan + "(_parameters, " + t.WeightOffset + ", " + Names.Int(t.Layer.ParameterCount) + ")) >= 0)");
                writer.Line("    layer = " + t.N + ";");
            }

            writer.Line("if (layer == 0)");
            writer.Line("    return;");
            writer.Line();
            writer.Line("global::System.Array.Copy(_guardBackup!, _parameters, ParameterCount);");
            foreach (LayerPlan t in plan.Layers.Reverse().Skip(1))
            {
                writer.Line("if (" + DivergenceGuard + ".FirstNonFinite(" + Rows(t.DeltaField, t.UnitsConst) + ") >= 0)");
                writer.Line("    ThrowDiverged(m, learningRate, " + t.N + ", \"the gradient " + t.Delta + "\");");
            }

            writer.Line("ThrowDiverged(m, learningRate, layer, \"the parameters\");");
        }
    }

    // private bool GuardGradients(int m, double loss, float learningRate): the unfused step's check, on Gradients.
    private static void WriteGuardGradients(SourceWriter writer, NetworkPlan plan)
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
            foreach (LayerPlan t in plan.Layers.Reverse())
            {
                writer.Line("float g" + t.N + " = " + DivergenceGuard + ".MaxAbs(new " + Names.ReadOnlySpan + "(_gradients, " + t.WeightOffset + ", " + Names.Int(t.Layer.ParameterCount) + "));");
                writer.Line("if (!float.IsFinite(g" + t.N + "))");
                writer.Line("    ThrowDiverged(m, learningRate, " + t.N + ", \"the gradient of " + t.Weights + (t.Layer.HasBias ? ", " + t.Bias : string.Empty) + "\");");
                writer.Line("largest = " + Names.MathF + ".Max(largest, g" + t.N + ");");
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
            foreach (LayerPlan t in plan.Layers)
            {
                string what = t.KeepsPreActivation ? "the pre-activations " + t.Pre : "the activations " + t.Output;
                writer.Line("if (" + DivergenceGuard + ".FirstNonFinite(" + Rows(t.AffineField, t.UnitsConst) + ") >= 0)");
                writer.Line("    ThrowDiverged(m, learningRate, " + t.N + ", \"" + what + "\");");
            }

            writer.Line("ThrowDiverged(m, learningRate, " + Names.Int(plan.OutputLayer.Number) + ", \"the loss\");");
        }
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
            writer.Line("throw new " + DivergedException + "(batch, firstRow, m, layer, quantity, learningRate);");
        }
    }
}
