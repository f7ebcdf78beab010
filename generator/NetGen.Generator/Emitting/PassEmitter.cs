using System.Linq;
using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;
using static NetGen.Generator.Emitting.KernelCalls;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The passes over a batch, as straight-line calls of the layers' kernels: forward, the rows pass (forward, loss and
/// the gradient down to the first layer, row by row), the backward pass into <c>Gradients</c>, and the fused SGD step.
/// </summary>
internal static class PassEmitter
{
    /// <summary>Every pass, then <c>SumRowLosses</c>.</summary>
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line();
        WriteRunForward(writer, plan);
        writer.Line();
        WriteRunBackward(writer, plan);
        writer.Line();
        WriteRunTrainStep(writer, plan);
        writer.Line();
        WriteRowsPass(writer, plan);
        writer.Line();
        WriteSumRowLosses(writer);
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
            if (plan.AnyListedInputs)
                writer.Line("Workspace work = _workspaces[0];");
            foreach (LayerPlan t in plan.Layers)
                writer.Line(ForwardCall(t, "0", "m", "work").PadRight(44) + " // " + t.Equation);
        }
    }
    // private double RunBackward(inputs, m) { TransposeWeights(); RowsPass(...); BackwardLayer1(...); BackwardLayer2(...); }
    private static void WriteRunBackward(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>Forward, loss and backward over <paramref name=\"m\"/> rows into <see cref=\"Gradients\"/>, with the targets in " + TargetField(plan) + "; returns the sum of the rows' losses.</summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"m\">The number of rows.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private double RunBackward(" + Names.ReadOnlySpan + " inputs, int m)"))
        {
            writer.Line("Workspace work = _workspaces[0];");
            if (plan.AnyTransposedWeights)
                writer.Line("TransposeWeights();".PadRight(44) + " // W^T for the backward kernels");
            writer.Line("RowsPass(inputs, m, 0, m, work);".PadRight(44) + " // forward, loss and backward, row by row");
            foreach (LayerPlan t in plan.Layers)
            {
                writer.Line(WeightsCall("BackwardLayer", t, "0", t.InputsConst, string.Empty, "work").PadRight(44) + " // d" + t.Weights + " = " + t.Input + "^T " + t.Delta
                    + (t.Layer.HasBias ? ", d" + t.Bias + " = 1^T " + t.Delta : string.Empty));
            }

            writer.Line("return SumRowLosses(m);");
        }
    }

    // private double RunTrainStep(inputs, m, learningRate) { TransposeWeights(); RowsPass(...); UpdateLayer1(...); UpdateLayer2(...); }
    // private double RunTrainStep(team, inputs, m, learningRate) { TransposeWeights(); team.Run(rows); team.Run(update); }
    private static void WriteRunTrainStep(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// One fused SGD step over <paramref name=\"m\"/> rows, with the targets in " + TargetField(plan) + "; returns the sum of the rows' losses before");
        writer.Line("/// the step. Every gradient is handed down from the weights as they were (the transposed copies), then each layer");
        writer.Line("/// updates its weights in place.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"m\">The number of rows.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private double RunTrainStep(" + Names.ReadOnlySpan + " inputs, int m, float learningRate)"))
        {
            writer.Line("Workspace work = _workspaces[0];");
            if (plan.AnyTransposedWeights)
                writer.Line("TransposeWeights();".PadRight(44) + " // W^T for the backward kernels, before the weights change");
            writer.Line("RowsPass(inputs, m, 0, m, work);".PadRight(44) + " // forward, loss and backward, row by row");
            writer.Line("double loss = SumRowLosses(m);");
            GuardEmitter.WriteBeforeStepCall(writer);
            foreach (LayerPlan t in plan.Layers.Reverse())
            {
                writer.Line(WeightsCall("UpdateLayer", t, "0", t.InputsConst, ", learningRate", "work").PadRight(44) + " // " + t.Weights + " -= learningRate " + t.Input + "^T " + t.Delta
                    + (t.Layer.HasBias ? ", " + t.Bias + " -= learningRate 1^T " + t.Delta : string.Empty));
            }

            GuardEmitter.WriteAfterStepCall(writer);
            writer.Line("return loss;");
        }
    }

    // private void RowsPass(inputs, m, first, end, work) { ForwardLayer1; ForwardLayer2; OutputGradient; PropagateLayer2 }
    private static void WriteRowsPass(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Rows <c>[first, end)</c> of a batch of <paramref name=\"m\"/>: forward through every layer, the loss, and the gradient down to");
        writer.Line("/// the first layer's pre-activation. Each row needs only itself, so blocks of rows can go to different threads.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"m\">The rows in the batch.</param>");
        writer.Line("/// <param name=\"first\">The first row.</param>");
        writer.Line("/// <param name=\"end\">The row after the last.</param>");
        writer.Line("/// <param name=\"work\">The calling worker's scratch buffers.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void RowsPass(" + Names.ReadOnlySpan + " inputs, int m, int first, int end, Workspace work)"))
        {
            foreach (LayerPlan t in plan.Layers)
                writer.Line(ForwardCall(t, "first", "end", "work").PadRight(44) + " // " + t.Equation);
            LayerPlan output = plan.OutputLayer;
            writer.Line("OutputGradient(m, first, end);".PadRight(44) + " // " + output.Delta + " = " + OutputGradientText(plan));
            foreach (LayerPlan t in plan.Layers.Reverse())
            {
                if (!t.IsFirst)
                    writer.Line(("PropagateLayer" + t.N + "(first, end);").PadRight(44) + " // " + PropagateEquation(plan, t));
            }
        }
    }

    // private double SumRowLosses(int m): the rows' losses, added in row order.
    private static void WriteSumRowLosses(SourceWriter writer)
    {
        writer.Line("/// <summary>The sum of the first <paramref name=\"m\"/> rows' losses, added in row order (the same sum on any number of threads).</summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private double SumRowLosses(int m)"))
        {
            writer.Line("double loss = 0;");
            writer.Line("for (int b = 0; b < m; b++)");
            writer.Line("    loss += _rowLosses[b];");
            writer.Line("return loss;");
        }
    }
}
