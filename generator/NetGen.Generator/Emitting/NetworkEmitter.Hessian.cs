using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The Hessian-vector product, by Pearlmutter's R-operator (forward-over-reverse): the gradient's passes run as
/// usual, then the directional derivatives <c>R(.)</c> along <c>v</c> of every quantity they computed, layer by
/// layer, forward and then backward. With <c>rho = sigma''/sigma'</c>:
/// <code>
/// R(P_n) = R(Z_{n-1}) W_n + Z_{n-1} V_n + vb_n           R(Z_0) = R(X) = 0
/// R(Z_n) = sigma'(P_n) o R(P_n)
/// R(G_L) = scale * H_loss R(Z_L)                        softmax: (diag(p) - p p^T) R(Z_L); squared: see WriteROutputGradient
/// R(G_{n-1}) = sigma'(P_{n-1}) o (R(G_n) W_n^T + G_n V_n^T) + rho(P_{n-1}) o R(P_{n-1}) o G_{n-1}
/// (H v) at W_n = R(Z_{n-1})^T G_n + Z_{n-1}^T R(G_n),   at b_n = 1^T R(G_n)
/// </code>
/// The last term of <c>R(G_{n-1})</c> is <c>sigma''(P) o (G_n W_n^T)</c> rewritten through the kept
/// <c>G_{n-1} = sigma'(P) o (G_n W_n^T)</c>, so no division by a <c>sigma'</c> that may underflow. The matrix
/// products are the runtime's <c>MatrixProducts</c> kernels called with the layer's constants; the element-wise
/// steps are written out here.
/// </summary>
internal static partial class NetworkEmitter
{
    private const string MatrixProducts = "global::NetGen.Kernels.MatrixProducts";

    // The whole feature: the public overloads, the lazily allocated buffers, the pass and one method per layer.
    private static void WriteHessianMembers(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line();
        writer.Line("// ---- Second order: the Hessian-vector product by the R-operator (directional derivatives along v) ----");
        foreach (TargetKind kind in TargetKind.For(plan))
        {
            writer.Line();
            WriteHessianVectorProduct(writer, plan, kind);
        }

        writer.Line();
        WriteHessianBuffers(writer, plan);
        writer.Line();
        WriteRunHessianVectorProduct(writer, plan);
        foreach (LayerPlan layer in plan.Layers)
        {
            var h = new HessianTerms(layer);
            writer.Line();
            WriteRForwardLayer(writer, h);
        }

        writer.Line();
        WriteROutputGradient(writer, plan);
        foreach (LayerPlan layer in plan.Layers.Reverse())
        {
            var h = new HessianTerms(layer);
            if (layer.Index > 0)
            {
                writer.Line();
                WriteRPropagateLayer(writer, plan, h);
            }

            writer.Line();
            WriteRBackwardLayer(writer, h);
        }
    }

    // public float HessianVectorProduct(inputs, targets, batchSize, v, result) { guards; RunHessianVectorProduct / m }
    private static void WriteHessianVectorProduct(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <summary>");
        writer.Line("/// The exact product <c>H v</c> of the Hessian of the batch loss with respect to the parameters and the vector");
        writer.Line("/// <paramref name=\"v\"/> (in the layout of <see cref=\"Parameters\"/>), by the R-operator: the forward and backward");
        writer.Line("/// passes, then the directional derivatives of every activation and gradient along <paramref name=\"v\"/>, at about");
        writer.Line("/// twice the cost of <c>Backward</c>. <see cref=\"Parameters\"/> and <see cref=\"Gradients\"/> are not changed; the");
        writer.Line("/// first call allocates the R-operator's buffers, later calls allocate nothing.");
        writer.Line("/// </summary>");
        WriteBatchParameterDocs(writer, plan, targets);
        writer.Line("/// <param name=\"v\">The direction, " + Names.Int(plan.ParameterCount) + " values in the layout of <see cref=\"Parameters\"/>.</param>");
        writer.Line("/// <param name=\"result\">Receives <c>H v</c>, " + Names.Int(plan.ParameterCount) + " values; may be the same memory as <paramref name=\"v\"/> (not a partial overlap).</param>");
        writer.Line("/// <returns>The loss of the batch, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        WriteGeneratedCode(writer);
        using (writer.Block("public float HessianVectorProduct(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, " + Names.ReadOnlySpan + " v, " + Names.Span + " result)"))
        {
            WriteCallerGate(writer, "HessianVectorProduct"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteRowGuards(writer, "batchSize", targets);
            writer.Line(Names.Guard + ".ParameterVector(v.Length, ParameterCount, \"v\");");
            writer.Line(Names.Guard + ".ParameterVector(result.Length, ParameterCount, \"result\");");
            writer.Line("SetTargets(targets);");
            writer.Line("return (float)" + Reduce(plan, "RunHessianVectorProduct(inputs, batchSize, v, result)") + ";");
        }
    }

    // private sealed class HessianBuffers { public readonly float[] RZ1 = new float[MaxBatch * L1Units]; ... }
    private static void WriteHessianBuffers(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// The R-operator's work buffers for up to MaxBatch rows: per layer <c>R(Z)</c> and <c>R(G)</c>, and <c>R(P)</c> where");
        writer.Line("/// the activation is smooth. Allocated by the first Hessian-vector product, so networks that never ask pay nothing.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private sealed class HessianBuffers"))
        {
            foreach (LayerPlan layer in plan.Layers)
            {
                var h = new HessianTerms(layer);
                string size = "MaxBatch * " + h.T.UnitsConst;
                if (h.T.KeepsPreActivation)
                    writer.Line("public readonly float[] " + h.RPreField + " = new float[" + size + "];");
                writer.Line("public readonly float[] " + h.ROutputField + " = new float[" + size + "];");
                writer.Line("public readonly float[] " + h.RDeltaField + " = new float[" + size + "];");
            }
        }

        writer.Line();
        writer.Line("private HessianBuffers? _hessian;");
    }

    // private double RunHessianVectorProduct(inputs, m, v, result)
    // {
    //     TransposeWeights; RowsPass; SumRowLosses;               (Z, P and G as for the gradient)
    //     RForwardLayer1; RForwardLayer2; ROutputGradient;        (R(Z), R(P), R(G_L))
    //     RPropagateLayer2; RBackwardLayer2; RBackwardLayer1;     (R(G), H v)
    // }
    private static void WriteRunHessianVectorProduct(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// The Hessian-vector product over <paramref name=\"m\"/> rows into <paramref name=\"result\"/>, with the targets in " + TargetField(plan) + "; returns");
        writer.Line("/// the sum of the rows' losses. Each layer's <c>R(G)</c> is handed down (reading <c>V</c>) before its part of <paramref name=\"result\"/>");
        writer.Line("/// is written, so <paramref name=\"result\"/> may be <paramref name=\"v\"/> itself.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"m\">The number of rows.</param>");
        writer.Line("/// <param name=\"v\">The direction.</param>");
        writer.Line("/// <param name=\"result\">Receives <c>H v</c>.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private double RunHessianVectorProduct(" + Names.ReadOnlySpan + " inputs, int m, " + Names.ReadOnlySpan + " v, " + Names.Span + " result)"))
        {
            writer.Line("HessianBuffers h = _hessian ??= new HessianBuffers();");
            writer.Line();
            writer.Line("// The gradient's passes, without the parameter gradients: Z, P and every G.");
            if (plan.Layers.Any(t => t.HasTransposedWeights))
                writer.Line("TransposeWeights();".PadRight(44) + " // W^T for the backward kernels");
            writer.Line("RowsPass(inputs, m, 0, m, _workspaces[0]);".PadRight(44) + " // " + string.Join(", ", plan.Layers.Select(t => t.Output))
                + ", the loss and " + string.Join(", ", plan.Layers.Reverse().Select(t => t.Delta)));
            writer.Line("double loss = SumRowLosses(m);");

            writer.Line();
            writer.Line("// Forward R-pass: the directional derivatives of the pre-activations and activations.");
            foreach (LayerPlan layer in plan.Layers)
            {
                var h = new HessianTerms(layer);
                string call = layer.Index == 0 ? "RForwardLayer1(h, inputs, v, m);" : "RForwardLayer" + h.T.N + "(h, v, m);";
                writer.Line(call.PadRight(44) + " // " + h.ForwardEquation);
            }

            LayerPlan output = plan.OutputLayer;
            writer.Line("ROutputGradient(h, m);".PadRight(44) + " // R(" + output.Delta + "), the loss's curvature applied to R(" + output.Output + ")");
            writer.Line();
            writer.Line("// Backward R-pass: R(G) handed down, then each layer's part of H v.");
            foreach (LayerPlan layer in plan.Layers.Reverse())
            {
                var h = new HessianTerms(layer);
                if (layer.Index > 0)
                {
                    LayerPlan before = plan.Layers[layer.Index - 1];
                    writer.Line(("RPropagateLayer" + h.T.N + "(h, v, m);").PadRight(44) + " // R(" + before.Delta + ") from R(" + h.T.Delta + ") " + h.T.Weights + "^T + " + h.T.Delta + " " + h.Direction + "^T");
                }

                string call = layer.Index == 0 ? "RBackwardLayer1(h, inputs, result, m);" : "RBackwardLayer" + h.T.N + "(h, result, m);";
                writer.Line(call.PadRight(44) + " // " + BackwardEquation(h));
            }

            writer.Line("return loss;");
        }
    }

    // private void RForwardLayer2(HessianBuffers h, ReadOnlySpan<float> v, int m)
    // {
    //     // R(P2) = R(Z1) W2 + Z1 V2 + vb2: the bias direction in every row, then two products
    //     // R(Z2) = tanh'(P2) o R(P2)
    // }
    private static void WriteRForwardLayer(SourceWriter writer, HessianTerms h)
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

    // private void ROutputGradient(HessianBuffers h, int m): R(G_L) from R(Z_L), row by row for softmax.
    private static void WriteROutputGradient(SourceWriter writer, NetworkPlan plan)
    {
        var h = new HessianTerms(plan.OutputLayer);
        LayerPlan t = h.T;
        bool mean = plan.Reduction == Reduction.Mean;
        string perM = mean ? " / m" : string.Empty;
        string equation;
        if (plan.IsClassifier)
        {
            equation = "R(" + t.Delta + ") = (diag(p) - p p^T) R(" + t.Output + ")" + perM + ", p = softmax(" + t.Output + ") per row";
        }
        else
        {
            string c = plan.Loss == Loss.HalfSquaredError ? string.Empty : "2 ";
            equation = t.Layer.Activation switch
            {
                Activation.Identity => "R(" + t.Delta + ") = " + c + "R(" + t.Output + ")" + perM,
                Activation.ReLU => "R(" + t.Delta + ") = " + c + "1{" + t.Output + " > 0} o R(" + t.Pre + ")" + perM + " = " + c + "R(" + t.Output + ")" + perM,
                _ => "R(" + t.Delta + ") = " + c + t.DerivativeText + "^2 o R(" + t.Pre + ")" + perM + " + " + h.RatioText + " o R(" + t.Pre + ") o " + t.Delta,
            };
        }

        writer.Line("/// <summary>");
        writer.Line("/// The loss layer, R-pass: <c>" + equation + "</c>.");
        if (!plan.IsClassifier && t.KeepsPreActivation)
        {
            writer.Line("/// With <c>" + t.Delta + " = " + (plan.Loss == Loss.HalfSquaredError ? string.Empty : "2 ") + "(" + t.Output + " - Y) o " + t.DerivativeText + perM + "</c>, the second term is the residual times the");
            writer.Line("/// activation's second derivative, written through <c>" + t.Delta + "</c> and the ratio <c>" + h.RatioText + "</c>.");
        }

        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void ROutputGradient(HessianBuffers h, int m)"))
        {
            writer.Line("// " + equation);
            if (plan.IsClassifier)
            {
                writer.Line("float scale = " + (mean ? "1f / m" : "1f") + ";");
                using (writer.Block("for (int b = 0; b < m; b++)"))
                {
                    writer.Line("global::NetGen.Kernels.Curvature.SoftmaxCrossEntropy(");
                    writer.Line("    new " + Names.ReadOnlySpan + "(" + t.OutputField + ", b * OutputSize, OutputSize),");
                    writer.Line("    new " + Names.ReadOnlySpan + "(h." + h.ROutputField + ", b * OutputSize, OutputSize),");
                    writer.Line("    new " + Names.Span + "(h." + h.RDeltaField + ", b * OutputSize, OutputSize),");
                    writer.Line("    scale);");
                }

                return;
            }

            string factor = plan.Loss == Loss.HalfSquaredError ? "1f" : "2f";
            writer.Line("float scale = " + factor + (mean ? " / m" : string.Empty) + ";");
            if (!t.KeepsPreActivation)
            {
                writer.Line("float[] rg = h." + h.RDeltaField + ", rz = h." + h.ROutputField + ";");
                writer.Line("for (int k = 0; k < m * OutputSize; k++)");
                writer.Line("    rg[k] = scale * rz[k];");
                return;
            }

            writer.Line("float[] rg = h." + h.RDeltaField + ", rpre = h." + h.RPreField + ";");
            using (writer.Block("for (int k = 0; k < m * OutputSize; k++)"))
            {
                writer.Line("float derivative = " + t.DerivativeCall(t.PreField + "[k]") + ";");
                writer.Line("rg[k] = (scale * derivative * derivative + " + h.RatioKernel + "(" + t.PreField + "[k]) * " + t.DeltaField + "[k]) * rpre[k];");
            }
        }
    }

    // private void RPropagateLayer2(HessianBuffers h, ReadOnlySpan<float> v, int m)
    // {
    //     // R(G1) = tanh'(P1) o (R(G2) W2^T + G2 V2^T) + (tanh''/tanh')(P1) o R(P1) o G1
    // }
    private static void WriteRPropagateLayer(SourceWriter writer, NetworkPlan plan, HessianTerms h)
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
    private static void WriteRBackwardLayer(SourceWriter writer, HessianTerms h)
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
    private static string BackwardEquation(HessianTerms h) =>
        WeightEquation(h) + (h.T.Layer.HasBias ? ", at " + h.T.Bias + " = 1^T R(" + h.T.Delta + ")" : string.Empty);

    /// <summary><c>new ReadOnlySpan&lt;float&gt;(buffer, 0, m * width)</c>: the first m rows of a batch buffer.</summary>
    private static string Rows(string buffer, string width) =>
        "new " + Names.ReadOnlySpan + "(" + buffer + ", 0, m * " + width + ")";
}
