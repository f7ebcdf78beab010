using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;

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
internal static class HessianEmitter
{
    private const string MatrixProducts = Names.MatrixProducts;

    /// <summary>The whole feature: the public overloads (docs and forward in <paramref name="surface"/>), the lazily allocated buffers, the pass and one method per layer.</summary>
    public static void Write(SourceWriter surface, SourceWriter writer, NetworkPlan plan)
    {
        foreach (TargetKind kind in TargetKind.For(plan))
        {
            surface.Line();
            surface.SkipsDocComments = kind == TargetKind.Ints;
            WriteHessianVectorProduct(surface, writer, plan, kind);
            surface.SkipsDocComments = false;
        }

        writer.Line();
        WriteHessianBuffers(writer, plan);
        writer.Line();
        WriteRunHessianVectorProduct(writer, plan);
        foreach (LayerPlan layer in plan.Layers)
        {
            var h = new HessianTerms(layer);
            writer.Line();
            HessianLayerEmitter.WriteRForwardLayer(writer, h);
        }

        writer.Line();
        WriteROutputGradient(writer, plan);
        foreach (LayerPlan layer in plan.Layers.Reverse())
        {
            var h = new HessianTerms(layer);
            if (layer.Index > 0)
            {
                writer.Line();
                HessianLayerEmitter.WriteRPropagateLayer(writer, plan, h);
            }

            writer.Line();
            HessianLayerEmitter.WriteRBackwardLayer(writer, h);
        }
    }

    // public float HessianVectorProduct(inputs, targets, batchSize, v, result) { guards; RunHessianVectorProduct / m }
    private static void WriteHessianVectorProduct(SourceWriter surface, SourceWriter core, NetworkPlan plan, TargetKind targets)
    {
        surface.Line("/// <summary>");
        surface.Line("/// The exact product <c>H v</c> of the Hessian of the batch loss with respect to the parameters and the vector");
        surface.Line("/// <paramref name=\"v\"/> (in the layout of <see cref=\"Parameters\"/>), by the R-operator: the forward and backward");
        surface.Line("/// passes, then the directional derivatives of every activation and gradient along <paramref name=\"v\"/>, at about");
        surface.Line("/// twice the cost of <c>Backward</c>. <see cref=\"Parameters\"/> and <see cref=\"Gradients\"/> are not changed; the");
        surface.Line("/// first call allocates the R-operator's buffers, later calls allocate nothing.");
        surface.Line("/// </summary>");
        WriteBatchParameterDocs(surface, plan, targets);
        surface.Line("/// <param name=\"v\">The direction, " + Names.Int(plan.ParameterCount) + " values in the layout of <see cref=\"Parameters\"/>.</param>");
        surface.Line("/// <param name=\"result\">Receives <c>H v</c>, " + Names.Int(plan.ParameterCount) + " values; may be the same memory as <paramref name=\"v\"/> (not a partial overlap).</param>");
        surface.Line("/// <returns>The loss of the batch, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        string signature = "public float HessianVectorProduct(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, "
            + Names.ReadOnlySpan + " v, " + Names.Span + " result)";
        EntryPoint.Write(surface, core, signature, () =>
        {
            WriteRowGuards(core, "batchSize", targets);
            core.Line(Names.Guard + ".ParameterVector(v.Length, ParameterCount, \"v\");");
            core.Line(Names.Guard + ".ParameterVector(result.Length, ParameterCount, \"result\");");
            core.Line("SetTargets(targets);");
            core.Line("return (float)" + Reduce(plan, "RunHessianVectorProduct(inputs, batchSize, v, result)") + ";");
        });
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
                writer.Line(call.PadRight(44) + " // " + HessianLayerEmitter.BackwardEquation(h));
            }

            writer.Line("return loss;");
        }
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
}
