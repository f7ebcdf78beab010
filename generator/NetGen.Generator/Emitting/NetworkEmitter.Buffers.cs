using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // private static int Lanes => Vector<float>.Count;
    private static void WriteLanes(SourceWriter writer)
    {
        writer.Line("/// <summary>Floats per <c>Vector&lt;float&gt;</c> (4, 8 or 16): a constant to the JIT, which folds every loop bound that uses it.</summary>");
        writer.Line("private static int Lanes => " + Names.VectorFloat + ".Count;");
    }

    // NetworkSpec INetwork.Spec => Spec;
    private static void WriteInterfaceSpec(SourceWriter writer)
    {
        writer.Line("/// <summary>The declaration as data (the same object as the static <see cref=\"Spec\"/>).</summary>");
        writer.Line(Names.NetworkSpec + " " + Names.INetwork + ".Spec => Spec;");
    }

    // private readonly float[] _z1 = new float[MaxBatch * L1Units]; ... _g1 ...; _w2t; _labels; _rowLosses; workspaces; the team.
    private static void WriteWorkBuffers(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("// Work buffers for up to MaxBatch rows, allocated once: each layer's output Z, its pre-activation P where the");
        writer.Line("// derivative needs it, and G, the gradient of the loss with respect to the pre-activation; the transposed weights");
        writer.Line("// the backward kernels read; the batch's targets and each row's loss.");
        foreach (LayerPlan layer in plan.Layers)
        {
            LayerPlan t = layer;
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
        writer.Line("// The pieces a step's phases are shared out in, across threads: blocks of rows (a multiple of every kernel's row");
        writer.Line("// block, so rows pair up as on one thread) and runs of a layer's inputs.");
        writer.Line("private const int RowsPhase = 0, UpdatePhase = 1, RowsPerPiece = " + Names.Int(plan.RowsPerPiece) + ", InputsPerPiece = " + Names.Int(plan.InputsPerPiece) + ";");
        string pieces = string.Join(", ", plan.Layers.Select(layer => "L" + Names.Int(layer.Number) + "Pieces = (L" + Names.Int(layer.Number) + "Inputs + InputsPerPiece - 1) / InputsPerPiece"));
        writer.Line("private const int " + pieces + ";");
        writer.Line("private const int UpdatePieces = " + string.Join(" + ", plan.Layers.Select(layer => "L" + Names.Int(layer.Number) + "Pieces")) + ";");
        writer.Line();
        writer.Line("// The calling thread's workspace, and one per worker once an epoch runs on more threads; the team and the step it runs.");
        writer.Line("private Workspace[] _workspaces = { new Workspace() };");
        writer.Line("private " + Names.WorkerTeam + "? _team;");
        writer.Line("private TeamWork? _teamWork;");
        WriteCallerGateField(writer, plan); // one caller at a time (NetworkEmitter.CallerGate.cs)
        writer.Line("private int _stepRows;");
        writer.Line("private float _stepLearningRate;");
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

    // [GeneratedCode(...)] [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteKernelAttributes(SourceWriter writer)
    {
        WriteGeneratedCode(writer);
        writer.Line("[" + Names.MethodImpl + "(" + Names.MethodImplOptions + ".AggressiveOptimization)] // optimized from the first call: no slow tier-0 kernels");
    }

    // [global::System.CodeDom.Compiler.GeneratedCode("NetGen.Generator", "0.1.0.0")]
    private static void WriteGeneratedCode(SourceWriter writer) =>
        writer.Line("[" + Names.GeneratedCode + "(\"NetGen.Generator\", \"" + Names.GeneratorVersion + "\")]");
}
