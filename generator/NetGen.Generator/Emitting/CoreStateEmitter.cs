using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The state of the machinery (<see cref="Names.Core"/>): the layers' shapes and offsets, the vector width, the
/// parameter and gradient buffers, the work buffers of a batch, and each worker's scratch.
/// </summary>
internal static class CoreStateEmitter
{
    /// <summary>The constants, buffers and the <c>Workspace</c> class.</summary>
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("// Layer shapes and where each tensor starts in Parameters (and Gradients).");
        foreach (LayerPlan layer in plan.Layers)
        {
            string n = layer.N;
            writer.Line("internal const int L" + n + "Inputs = " + Names.Int(layer.Inputs) + ", L" + n + "Units = " + Names.Int(layer.Units)
                + ", W" + n + "Offset = " + Names.Int(layer.Layer.WeightOffset)
                + (layer.HasBias ? ", B" + n + "Offset = " + Names.Int(layer.Layer.BiasOffset) : string.Empty) + ";");
        }

        writer.Line();
        writer.Line("/// <summary>Floats per <c>Vector&lt;float&gt;</c> (4, 8 or 16): a constant to the JIT, which folds every loop bound that uses it.</summary>");
        writer.Line("private static int Lanes => " + Names.VectorFloat + ".Count;");
        writer.Line();
        writer.Line("// The parameters and the gradient, in the layout of the network's Parameters.");
        writer.Line("internal readonly float[] _parameters = new float[ParameterCount];");
        writer.Line("internal readonly float[] _gradients = new float[ParameterCount];");
        writer.Line();
        WriteWorkBuffers(writer, plan);
        writer.Line();
        WriteWorkspace(writer, plan);
    }

    // private readonly float[] _z1 = new float[MaxBatch * L1Units]; ... _g1 ...; _w2t; _labels; _rowLosses; the workspaces.
    private static void WriteWorkBuffers(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("// Work buffers for up to MaxBatch rows, allocated once: each layer's output Z, its pre-activation P where the");
        writer.Line("// derivative needs it, and G, the gradient of the loss with respect to the pre-activation; the transposed weights");
        writer.Line("// the backward kernels read; the batch's targets and each row's loss.");
        foreach (LayerPlan t in plan.Layers)
        {
            string size = "MaxBatch * " + t.UnitsConst;
            writer.Line("private readonly float[] " + t.OutputField + " = new float[" + size + "];");
            if (t.KeepsPreActivation)
                writer.Line("private readonly float[] " + t.PreField + " = new float[" + size + "];");
            writer.Line("private readonly float[] " + t.DeltaField + " = new float[" + size + "];");
            if (t.HasTransposedWeights)
                writer.Line("private readonly float[] " + t.TransposedField + " = new float[" + t.InputsConst + " * " + t.UnitsConst + "];");
        }

        writer.Line(plan.IsClassifier
            ? "private readonly int[] _labels = new int[MaxBatch];"
            : "private readonly float[] _targets = new float[MaxBatch * OutputSize];");
        writer.Line("private readonly double[] _rowLosses = new double[MaxBatch];");
        writer.Line();
        writer.Line("// The length of a list of nonzero inputs (or rows) and of each value list beside it: the longer of InputSize and");
        writer.Line("// MaxBatch, plus the room NetGen.Kernels.Sparse needs to store whole vectors.");
        writer.Line("private const int ListStride = " + Names.Int(plan.ListStride) + ";");
        writer.Line();
        writer.Line("// The calling thread's workspace, and one per worker once an epoch runs on more threads.");
        writer.Line("private Workspace[] _workspaces = { new Workspace() };");
        writer.Line();
        writer.Line("// One caller at a time: every entry point enters this gate first, so a second thread is refused before anything");
        writer.Line("// is written.");
        writer.Line("internal readonly " + Names.SingleCallerGate + " _callerGate = new " + Names.SingleCallerGate + "(\"" + plan.TypeName + "\");");
    }

    // private sealed class Workspace { public readonly int[] Positions = ...; public readonly float[] Values = ...; ... }
    private static void WriteWorkspace(SourceWriter writer, NetworkPlan plan)
    {
        bool lists = plan.AnyListedInputs;
        writer.Line("/// <summary>");
        writer.Line("/// One worker's scratch" + (lists ? ": a list of the nonzero inputs (or rows) of a block and the block's values at them, and a piece of the" : "."));
        if (lists)
            writer.Line("/// first layer's inputs transposed (InputsPerPiece columns as rows), to list an input's nonzero rows.");
        writer.Line("/// </summary>");
        using (writer.Block("private sealed class Workspace"))
        {
            if (!lists)
                return;
            writer.Line("public readonly int[] Positions = new int[ListStride];");
            writer.Line("public readonly float[] Values = new float[4 * ListStride];");
            writer.Line("public readonly float[] Transposed = new float[InputsPerPiece * MaxBatch];");
        }
    }
}
