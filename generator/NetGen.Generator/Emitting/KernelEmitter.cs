using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The kernels file: for each layer, its forward, backward, propagate and update methods, each under the course's
/// equation it computes, and the copy of its weights transposed where the plan keeps one.
/// </summary>
internal static class KernelEmitter
{
    /// <summary>One group of methods per layer, then <c>TransposeWeights</c> if any layer keeps a transposed copy.</summary>
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        foreach (LayerPlan t in plan.Layers)
        {
            if (!t.IsFirst)
                writer.Line();
            writer.Line("// ---- Layer " + t.N + ": " + t.Equation + ", [" + Names.Int(t.Inputs) + " x " + Names.Int(t.Units) + "] ----");
            writer.Line();
            writer.Line("// " + t.Equation);
            ForwardKernels.WriteForwardLayer(writer, plan, t);
            writer.Line();
            writer.Line("// d" + t.Weights + " = " + t.Input + "^T " + t.Delta + (t.HasBias ? ", d" + t.Bias + " = 1^T " + t.Delta : string.Empty));
            WeightKernels.WriteBackwardLayer(writer, plan, t);
            writer.Line();
            writer.Line("// " + (t.IsFirst ? "dX = " + t.Delta + " " + t.Weights + "^T" : PropagateEquation(plan, t)));
            PropagateKernels.WritePropagateLayer(writer, plan, t);
            writer.Line();
            writer.Line("// " + t.Weights + " -= learningRate " + t.Input + "^T " + t.Delta + (t.HasBias ? ", " + t.Bias + " -= learningRate 1^T " + t.Delta : string.Empty));
            WeightKernels.WriteUpdateLayer(writer, plan, t);
            if (t.HasTransposedWeights)
            {
                writer.Line();
                WriteTransposeLayer(writer, t);
            }
        }

        if (!plan.AnyTransposedWeights)
            return;
        writer.Line();
        WriteTransposeWeights(writer, plan);
    }

    // private void TransposeWeights() { TransposeLayer2(); TransposeLayer3(); ... }
    private static void WriteTransposeWeights(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Copies the weights of every layer that keeps a transposed copy (<c>_w2t[k, i] = W2[i, k]</c>), for the backward kernels:");
        writer.Line("/// a row of the copy is a contiguous run of the previous layer's units. Taken before the weights change.");
        writer.Line("/// </summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void TransposeWeights()"))
        {
            foreach (LayerPlan t in plan.Layers)
            {
                if (t.HasTransposedWeights)
                    writer.Line("TransposeLayer" + t.N + "();");
            }
        }
    }

    // private void TransposeLayer2() { _w2t[k, i] = W2[i, k] }
    private static void WriteTransposeLayer(SourceWriter writer, LayerPlan t)
    {
        writer.Line("// " + t.TransposedField + " = " + t.Weights + "^T, [" + Names.Int(t.Units) + " x " + Names.Int(t.Inputs) + "]");
        WriteKernelAttributes(writer);
        using (writer.Block("private void TransposeLayer" + t.N + "()"))
        {
            writer.Line(Simd.ArrayRef("w", "_parameters", t.WeightOffset));
            writer.Line(Simd.ArrayRef("wt", t.TransposedField));
            writer.Line("for (int i = 0; i < " + t.InputsConst + "; i++)");
            writer.Line("    for (int k = 0; k < " + t.UnitsConst + "; k++)");
            writer.Line("        " + Simd.Element("wt", "k * " + t.InputsConst + " + i") + " = " + Simd.Element("w", "i * " + t.UnitsConst + " + k") + ";");
        }
    }
}
