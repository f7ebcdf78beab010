using NetGen.Generator.Planning;
using static NetGen.Generator.Emitting.EmitterText;
using static NetGen.Generator.Emitting.KernelCalls;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The fused SGD step on a team of threads: the rows phase shares out blocks of rows (<see cref="NetworkPlan.RowsPerPiece"/>),
/// the update phase pieces of each layer's inputs (<see cref="NetworkPlan.InputsPerPiece"/>), so that every weight is
/// summed and updated by one thread in row order and the result is bit-identical to one thread's.
/// </summary>
internal static class ThreadingEmitter
{
    /// <summary>The pieces, the team's fields, the threaded step, its phases and the team.</summary>
    public static void Write(SourceWriter writer, NetworkPlan plan)
    {
        WriteFields(writer, plan);
        writer.Line();
        WriteRunTrainStep(writer, plan);
        writer.Line();
        WriteTeamPhases(writer, plan);
        writer.Line();
        WriteTeam(writer);
    }

    // private const int RowsPhase = 0, UpdatePhase = 1, RowsPerPiece = 4, InputsPerPiece = 16; L1Pieces = ...; the team.
    private static void WriteFields(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("// The pieces a step's phases are shared out in, across threads: blocks of rows (a multiple of every kernel's row");
        writer.Line("// block, so rows pair up as on one thread) and runs of a layer's inputs.");
        writer.Line("private const int RowsPhase = 0, UpdatePhase = 1, RowsPerPiece = " + Names.Int(plan.RowsPerPiece) + ", InputsPerPiece = " + Names.Int(plan.InputsPerPiece) + ";");
        foreach (LayerPlan t in plan.Layers)
            writer.Line("private const int L" + t.N + "Pieces = " + Names.Int(t.UpdatePieces) + "; // layer " + t.N + "'s " + Names.Int(t.Inputs) + " inputs");
        writer.Line("private const int UpdatePieces = " + Names.Int(plan.UpdatePieces) + ";");
        writer.Line();
        writer.Line("// The team and the step it runs.");
        writer.Line("private " + Names.WorkerTeam + "? _team;");
        writer.Line("private TeamWork? _teamWork;");
        writer.Line("private int _stepRows;");
        writer.Line("private float _stepLearningRate;");
    }

    // private double RunTrainStep(team, inputs, m, learningRate) { TransposeWeights(); team.Run(rows); team.Run(update); }
    private static void WriteRunTrainStep(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// The same step on a team of threads: the rows phase shares out blocks of rows, the update phase pieces of the layers'");
        writer.Line("/// inputs; each piece computes what the single-threaded step computes for it, in the same order.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"team\">The workers.</param>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"m\">The number of rows.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private double RunTrainStep(" + Names.WorkerTeam + " team, " + Names.ReadOnlySpan + " inputs, int m, float learningRate)"))
        {
            if (plan.AnyTransposedWeights)
                writer.Line("TransposeWeights();");
            writer.Line("_stepRows = m;");
            writer.Line("_stepLearningRate = learningRate;");
            writer.Line("team.Run(_teamWork!, RowsPhase, inputs, m);             // units: rows");
            writer.Line("double loss = SumRowLosses(m);");
            GuardEmitter.WriteBeforeStepCall(writer);
            writer.Line("team.Run(_teamWork!, UpdatePhase, inputs, UpdatePieces); // units: pieces of the layers' inputs");
            GuardEmitter.WriteAfterStepCall(writer);
            writer.Line("return loss;");
        }
    }

    // private void RunPhase(int phase, int worker): a worker's share of a phase; private void UpdatePiece(...): one piece of the update.
    private static void WriteTeamPhases(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>A worker's share of a step's phase: blocks of rows, or pieces of the layers' inputs, claimed until none are left (a worker that starts late finds none).</summary>");
        writer.Line("/// <param name=\"phase\"><see cref=\"RowsPhase\"/> or <see cref=\"UpdatePhase\"/>.</param>");
        writer.Line("/// <param name=\"worker\">The worker's index, for its scratch buffers.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void RunPhase(int phase, int worker)"))
        {
            writer.Line(Names.WorkerTeam + " team = _team!;");
            writer.Line(Names.ReadOnlySpan + " inputs = team.Inputs;");
            writer.Line("Workspace work = _workspaces[worker];");
            writer.Line("int m = _stepRows;");
            using (writer.Block("if (phase == RowsPhase)"))
            {
                writer.Line("// Blocks of RowsPerPiece rows from the batch's start: rows pair up in the kernels as on one thread.");
                writer.Line("for (int first; (first = team.Claim(worker, RowsPerPiece)) < m;)");
                writer.Line("    RowsPass(inputs, m, first, " + Names.Math + ".Min(first + RowsPerPiece, m), work);");
                writer.Line("return;");
            }

            writer.Line("// Pieces of InputsPerPiece inputs of one layer: each weight row is summed and updated by one worker.");
            writer.Line("float learningRate = _stepLearningRate;");
            writer.Line("for (int piece; (piece = team.Claim(worker, 1)) < UpdatePieces;)");
            writer.Line("    UpdatePiece(inputs, m, piece, learningRate, work);");
        }

        writer.Line();
        writer.Line("/// <summary>Piece <paramref name=\"piece\"/> of the update phase: the weights of " + Names.Int(plan.InputsPerPiece) + " consecutive inputs of one layer (layer 1's first).</summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private void UpdatePiece(" + Names.ReadOnlySpan + " inputs, int m, int piece, float learningRate, Workspace work)"))
        {
            foreach (LayerPlan t in plan.Layers)
            {
                string pieces = "L" + t.N + "Pieces";
                using (writer.Block("if (piece < " + pieces + ")"))
                {
                    writer.Line("int firstInput = piece * InputsPerPiece;");
                    writer.Line(WeightsCall("UpdateLayer", t, "firstInput", Names.Math + ".Min(firstInput + InputsPerPiece, " + t.InputsConst + ")", ", learningRate", "work"));
                    writer.Line("return;");
                }

                writer.Line("piece -= " + pieces + ";");
            }
        }
    }

    // private WorkerTeam Team(int workers): the team and the per-worker buffers, created on the first call that asks for that many.
    private static void WriteTeam(SourceWriter writer)
    {
        writer.Line("/// <summary>The team of <paramref name=\"workers\"/> threads and a workspace for each: one team per network, created on first use and resized in place.</summary>");
        WriteGeneratedCode(writer);
        using (writer.Block("private " + Names.WorkerTeam + " Team(int workers)"))
        {
            using (writer.Block("if (_team is null || _team.Workers != workers)"))
            {
                writer.Line("if (_team is null)");
                writer.Line("    _team = new " + Names.WorkerTeam + "(workers);");
                writer.Line("else");
                writer.Line("    _team.Resize(workers); // surplus threads end; one team per network, whatever the calls ask for");
                writer.Line("_teamWork ??= new TeamWork(this);");
                writer.Line("int had = _workspaces.Length;");
                using (writer.Block("if (had < workers)"))
                {
                    writer.Line("global::System.Array.Resize(ref _workspaces, workers);");
                    writer.Line("for (int i = had; i < workers; i++)");
                    writer.Line("    _workspaces[i] = new Workspace();");
                }
            }

            writer.Line("return _team;");
        }

        writer.Line();
        writer.Line("/// <summary>What the team's workers run: the phases of <see cref=\"RunPhase\"/>.</summary>");
        using (writer.Block("private sealed class TeamWork : " + Names.ITeamWork))
        {
            writer.Line("private readonly " + Names.Core + " _network;");
            writer.Line();
            writer.Line("public TeamWork(" + Names.Core + " network) => _network = network;");
            writer.Line();
            writer.Line("public void Run(int phase, int worker) => _network.RunPhase(phase, worker);");
        }
    }
}
