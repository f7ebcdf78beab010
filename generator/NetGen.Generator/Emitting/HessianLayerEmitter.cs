using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;

namespace NetGen.Generator.Emitting;

/// <summary>
/// One layer's methods of the R-operator (see <see cref="HessianEmitter"/>): the forward R-pass <c>R(P_n)</c>,
/// <c>R(Z_n)</c>; the backward R-pass <c>R(G_{n-1})</c>; and the layer's part of <c>H v</c>.
/// </summary>
internal static class HessianLayerEmitter
{
    private const string MatrixProducts = Names.MatrixProducts;

    // private void RForwardLayer2(HessianBuffers h, ReadOnlySpan<float> v, int m)
    // {
    //     // R(P2) = R(Z1) W2 + Z1 V2 + vb2: the bias direction in every row, then two products
    //     // R(Z2) = tanh'(P2) o R(P2)
    // }
    internal static void WriteRForwardLayer(SourceWriter writer, HessianTerms h)
    {
        LayerPlan t = h.T;
        writer.Line("/// <summary>Layer " + t.N + ", forward R-pass: <c>" + h.ForwardEquation + "</c>"
            + (h.ActivationEquation is null ? " (Identity: <c>R(" + t.Output + ") = R(" + t.Pre + ")</c>)" : ", then <c>" + h.ActivationEquation + "</c>") + ".</summary>");
        WriteGeneratedCode(writer);
        string signature = t.IsFirst
            ? "private void RForwardLayer1(HessianBuffers h, " + Names.ReadOnlySpan + " inputs, " + Names.ReadOnlySpan + " v, int m)"
            : "private void RForwardLayer" + t.N + "(HessianBuffers h, " + Names.ReadOnlySpan + " v, int m)";
        using (writer.Block(signature))
        {
            writer.Line("var rp = new " + Names.Span + "(h." + h.RAffineField + ", 0, m * " + t.UnitsConst + ");");
            if (t.Layer.HasBias)
            {
                writer.Line("// " + h.ForwardEquation + ": " + h.BiasDirection + " in every row, then the products");
                writer.Line("for (int b = 0; b < m; b++)");
                writer.Line("    v.Slice(" + t.BiasOffset + ", " + t.UnitsConst + ").CopyTo(rp.Slice(b * " + t.UnitsConst + ", " + t.UnitsConst + "));");
            }
            else
            {
                writer.Line("// " + h.ForwardEquation + ": the products, added to 0");
                writer.Line("rp.Clear();");
            }

            string weights = "new " + Names.ReadOnlySpan + "(_parameters, " + t.WeightOffset + ", " + t.InputsConst + " * " + t.UnitsConst + ")";
            string direction = "v.Slice(" + t.WeightOffset + ", " + t.InputsConst + " * " + t.UnitsConst + ")";
            if (t.IsFirst)
            {
                writer.Line("// (R(X) = 0: the inputs do not depend on the parameters, so there is no R(X) W1 term.)");
                writer.Line(MatrixProducts + ".MultiplyAdd(inputs, " + direction + ", rp, m, " + t.InputsConst + ", " + t.UnitsConst + "); // += X " + h.Direction);
            }
            else
            {
                writer.Line(MatrixProducts + ".MultiplyAdd(" + Rows("h." + h.RInputField, t.InputsConst) + ", " + weights + ", rp, m, " + t.InputsConst + ", " + t.UnitsConst + "); // += R(" + t.Input + ") " + t.Weights);
                writer.Line(MatrixProducts + ".MultiplyAdd(" + Rows(t.InputField, t.InputsConst) + ", " + direction + ", rp, m, " + t.InputsConst + ", " + t.UnitsConst + "); // += " + t.Input + " " + h.Direction);
            }

            WriteRActivation(writer, h);
        }
    }

    // R(Z2) = 1{Z2 > 0} o R(P2) in place, or R(Z2) = tanh'(P2) o R(P2) from the R(P2) buffer.
    private static void WriteRActivation(SourceWriter writer, HessianTerms h)
    {
        LayerPlan t = h.T;
        if (h.ActivationEquation is null)
            return;
        writer.Line();
        writer.Line("// " + h.ActivationEquation);
        if (t.Layer.Activation == Activation.ReLU)
        {
            writer.Line("float[] rz = h." + h.ROutputField + ";");
            writer.Line("for (int k = 0; k < m * " + t.UnitsConst + "; k++)");
            writer.Line("    if (" + t.OutputField + "[k] <= 0f) rz[k] = 0f;");
            return;
        }

        writer.Line("float[] rz = h." + h.ROutputField + ", rpre = h." + h.RPreField + ";");
        writer.Line("for (int k = 0; k < m * " + t.UnitsConst + "; k++)");
        writer.Line("    rz[k] = " + t.DerivativeCall(t.PreField + "[k]") + " * rpre[k];");
    }

    // private void RPropagateLayer2(HessianBuffers h, ReadOnlySpan<float> v, int m)
    // {
    //     // R(G1) = tanh'(P1) o (R(G2) W2^T + G2 V2^T) + (tanh''/tanh')(P1) o R(P1) o G1
    // }
    internal static void WriteRPropagateLayer(SourceWriter writer, NetworkPlan plan, HessianTerms h)
    {
        LayerPlan t = h.T;
        var before = new HessianTerms(plan.Before(t));
        LayerPlan b = before.T;
        string products = "R(" + t.Delta + ") " + t.Weights + "^T + " + t.Delta + " " + h.Direction + "^T";
        string equation = "R(" + b.Delta + ") = " + (b.DerivativeText is null ? products : b.DerivativeText + " o (" + products + ")")
            + (b.KeepsPreActivation ? " + " + before.RatioText + " o R(" + b.Pre + ") o " + b.Delta : string.Empty);

        writer.Line("/// <summary>");
        writer.Line("/// Layer " + t.N + " to layer " + b.N + ", backward R-pass: <c>" + equation + "</c>.");
        writer.Line(b.Layer.Activation switch
        {
            Activation.ReLU => "/// ReLU's second derivative is 0 (everywhere but the kink), so only the gated products remain.",
            Activation.Identity => "/// Identity has derivative 1 and second derivative 0: the products alone.",
            _ => "/// The last term is <c>" + b.Layer.Activation.ToString().ToLowerInvariant() + "''(" + b.Pre + ") o (" + t.Delta + " " + t.Weights + "^T)</c>, written through <c>" + b.Delta + "</c>.",
        });
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void RPropagateLayer" + t.N + "(HessianBuffers h, " + Names.ReadOnlySpan + " v, int m)"))
        {
            writer.Line("var rg = new " + Names.Span + "(h." + before.RDeltaField + ", 0, m * " + t.InputsConst + ");");
            writer.Line("// " + products + ": two products of dot products, added to 0");
            writer.Line("rg.Clear();");
            writer.Line(MatrixProducts + ".MultiplyTransposeAdd(" + Rows("h." + h.RDeltaField, t.UnitsConst) + ", new " + Names.ReadOnlySpan + "(_parameters, " + t.WeightOffset + ", " + t.InputsConst + " * " + t.UnitsConst + "), rg, m, " + t.UnitsConst + ", " + t.InputsConst + "); // += R(" + t.Delta + ") " + t.Weights + "^T");
            writer.Line(MatrixProducts + ".MultiplyTransposeAdd(" + Rows(t.DeltaField, t.UnitsConst) + ", v.Slice(" + t.WeightOffset + ", " + t.InputsConst + " * " + t.UnitsConst + "), rg, m, " + t.UnitsConst + ", " + t.InputsConst + "); // += " + t.Delta + " " + h.Direction + "^T");
            if (b.DerivativeText is null)
                return;
            writer.Line();
            writer.Line("// " + equation);
            if (b.Layer.Activation == Activation.ReLU)
            {
                writer.Line("float[] r = h." + before.RDeltaField + ";");
                writer.Line("for (int k = 0; k < m * " + t.InputsConst + "; k++)");
                writer.Line("    if (" + b.OutputField + "[k] <= 0f) r[k] = 0f;");
                return;
            }

            writer.Line("float[] r = h." + before.RDeltaField + ", rpre = h." + before.RPreField + ";");
            writer.Line("for (int k = 0; k < m * " + t.InputsConst + "; k++)");
            writer.Line("    r[k] = " + b.DerivativeCall(b.PreField + "[k]") + " * r[k] + " + before.RatioKernel + "(" + b.PreField + "[k]) * rpre[k] * " + b.DeltaField + "[k];");
        }
    }

    // private void RBackwardLayer2(HessianBuffers h, Span<float> result, int m)
    // {
    //     // (H v) at W2 = R(Z1)^T G2 + Z1^T R(G2);  at b2 = 1^T R(G2)
    // }
    internal static void WriteRBackwardLayer(SourceWriter writer, HessianTerms h)
    {
        LayerPlan t = h.T;
        writer.Line("/// <summary>Layer " + t.N + ", its part of <c>H v</c>: <c>" + BackwardEquation(h) + "</c>.</summary>");
        WriteGeneratedCode(writer);
        string signature = t.IsFirst
            ? "private void RBackwardLayer1(HessianBuffers h, " + Names.ReadOnlySpan + " inputs, " + Names.Span + " result, int m)"
            : "private void RBackwardLayer" + t.N + "(HessianBuffers h, " + Names.Span + " result, int m)";
        using (writer.Block(signature))
        {
            string rDelta = Rows("h." + h.RDeltaField, t.UnitsConst);
            writer.Line("var rw = result.Slice(" + t.WeightOffset + ", " + t.InputsConst + " * " + t.UnitsConst + ");");
            writer.Line("// " + WeightEquation(h) + ", added to 0");
            writer.Line("rw.Clear();");
            if (t.IsFirst)
            {
                writer.Line("// (R(X) = 0, so there is no R(X)^T " + t.Delta + " term.)");
                writer.Line(MatrixProducts + ".TransposeMultiplyAdd(inputs, " + rDelta + ", rw, m, " + t.InputsConst + ", " + t.UnitsConst + "); // += X^T R(" + t.Delta + ")");
            }
            else
            {
                writer.Line(MatrixProducts + ".TransposeMultiplyAdd(" + Rows("h." + h.RInputField, t.InputsConst) + ", " + Rows(t.DeltaField, t.UnitsConst) + ", rw, m, " + t.InputsConst + ", " + t.UnitsConst + "); // += R(" + t.Input + ")^T " + t.Delta);
                writer.Line(MatrixProducts + ".TransposeMultiplyAdd(" + Rows(t.InputField, t.InputsConst) + ", " + rDelta + ", rw, m, " + t.InputsConst + ", " + t.UnitsConst + "); // += " + t.Input + "^T R(" + t.Delta + ")");
            }

            if (!t.Layer.HasBias)
                return;
            writer.Line();
            writer.Line("// (H v) at " + t.Bias + " = 1^T R(" + t.Delta + "): the column sums of R(" + t.Delta + ")");
            writer.Line("var rb = result.Slice(" + t.BiasOffset + ", " + t.UnitsConst + ");");
            writer.Line("rb.Clear();");
            writer.Line(MatrixProducts + ".ColumnSumsAdd(" + rDelta + ", rb, m, " + t.UnitsConst + ");");
        }
    }

    /// <summary><c>(H v) at W2 = R(Z1)^T G2 + Z1^T R(G2)</c>, or <c>X^T R(G1)</c> for the first layer.</summary>
    private static string WeightEquation(HessianTerms h) =>
        "(H v) at " + h.T.Weights + " = " + (h.T.IsFirst ? string.Empty : "R(" + h.T.Input + ")^T " + h.T.Delta + " + ")
        + h.T.Input + "^T R(" + h.T.Delta + ")";

    /// <summary>The weight equation, and the bias's when the layer has one.</summary>
    internal static string BackwardEquation(HessianTerms h) =>
        WeightEquation(h) + (h.T.Layer.HasBias ? ", at " + h.T.Bias + " = 1^T R(" + h.T.Delta + ")" : string.Empty);
}
