using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize) { guards; RunBackward / m }
    private static void WriteBackward(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <summary>Forward and backward over a batch: fills <see cref=\"Gradients\"/> and returns the batch loss.</summary>");
        WriteBatchParameterDocs(writer, plan, targets);
        writer.Line("/// <returns>The loss of the batch, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        WriteGeneratedCode(writer);
        using (writer.Block("public float Backward(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize)"))
        {
            WriteCallerGate(writer, "Backward"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteRowGuards(writer, "batchSize", targets);
            writer.Line("SetTargets(targets);");
            writer.Line("return (float)" + Reduce(plan, "RunBackward(inputs, batchSize)") + ";");
        }
    }

    // public float InputGradient(..., Span<float> inputGradients) { guards; RunBackward; PropagateLayer1(inputGradients, m) }
    private static void WriteInputGradient(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        LayerPlan first = plan.Layers[0];
        writer.Line("/// <summary>");
        writer.Line("/// Like <c>Backward</c>, and also writes <c>dX = " + first.Delta + " " + first.Weights + "^T</c>, the gradient of the batch loss with respect to every input.");
        writer.Line("/// </summary>");
        WriteBatchParameterDocs(writer, plan, targets);
        writer.Line("/// <param name=\"inputGradients\">Receives <c>dLoss/dX</c>, row-major <c>[batchSize x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <returns>The loss of the batch, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        WriteGeneratedCode(writer);
        using (writer.Block("public float InputGradient(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, " + Names.Span + " inputGradients)"))
        {
            WriteCallerGate(writer, "InputGradient"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteRowGuards(writer, "batchSize", targets);
            writer.Line(LengthGuard("inputGradients", "batchSize", "InputSize", "InputSize"));
            writer.Line("SetTargets(targets);");
            writer.Line("double loss = RunBackward(inputs, batchSize);");
            writer.Line("PropagateLayer1(inputGradients, batchSize); // dX = " + first.Delta + " " + first.Weights + "^T");
            writer.Line("return (float)" + Reduce(plan, "loss") + ";");
        }
    }

    // public void ApplySgd(float learningRate) => Sgd.Step(_parameters, _gradients, learningRate);
    private static void WriteApplySgd(SourceWriter writer)
    {
        writer.Line("/// <summary>In place: <c>Parameters -= learningRate * Gradients</c>.</summary>");
        writer.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"learningRate\"/> is NaN or infinite. Nothing is written.</exception>");
        WriteGeneratedCode(writer);
        using (writer.Block("public void ApplySgd(float learningRate)"))
        {
            WriteCallerGate(writer, "ApplySgd"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteLearningRateGuard(writer);
            writer.Line(Names.Sgd + ".Step(_parameters, _gradients, learningRate);");
        }
    }

    // public float TrainBatch(inputs, targets, batchSize, learningRate) { guards; RunTrainStep / m }
    private static void WriteTrainBatch(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <summary>");
        writer.Line("/// One SGD step in place: the loss and gradient of the batch at the current parameters, then");
        writer.Line("/// <c>Parameters -= learningRate * gradient</c>, layer by layer without storing the gradient (<see cref=\"Gradients\"/> is left as it was).");
        writer.Line("/// </summary>");
        WriteBatchParameterDocs(writer, plan, targets);
        writer.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        writer.Line("/// <returns>The loss of the batch before the step, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class " : string.Empty) + "or the learning rate is not finite.");
        WriteDivergedExceptionDoc(writer); // divergence guard (NetworkEmitter.Guard.cs)
        WriteGeneratedCode(writer);
        using (writer.Block("public float TrainBatch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, float learningRate)"))
        {
            WriteCallerGate(writer, "TrainBatch"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            WriteRowGuards(writer, "batchSize", targets);
            WriteLearningRateGuard(writer);
            writer.Line("SetTargets(targets);");
            writer.Line("return (float)" + Reduce(plan, "RunTrainStep(inputs, batchSize, learningRate)") + ";");
        }
    }

    // public EpochResult TrainEpoch(inputs, targets, count, learningRate, batchSize) => TrainEpoch(..., degreeOfParallelism: 1);
    // public EpochResult TrainEpoch(inputs, targets, count, learningRate, batchSize, int degreeOfParallelism)
    // { guards; while (start < count) { SetTargets(batch); loss += RunTrainStep([team, ]batch, m, learningRate); } }
    private static void WriteTrainEpoch(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <summary>");
        writer.Line("/// One epoch of minibatch SGD, as the course's <c>nn_epoch</c>: rows in order, no shuffling, batches of");
        writer.Line("/// <paramref name=\"batchSize\"/> rows, the last partial batch included and reduced over its own size. On the calling thread.");
        writer.Line("/// </summary>");
        WriteEpochParameterDocs(writer, plan, targets);
        writer.Line("/// <returns>The sum of the rows' losses, each taken before its batch's step, divided by <paramref name=\"count\"/> (NaN for 0 rows); the count and the number of steps.</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match <paramref name=\"count\"/>, the count is negative, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class " : string.Empty) + "or the learning rate is not finite.");
        WriteDivergedExceptionDoc(writer); // divergence guard (NetworkEmitter.Guard.cs)
        WriteGeneratedCode(writer);
        writer.Line("public " + Names.EpochResult + " TrainEpoch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count, float learningRate, int batchSize) =>");
        writer.Line("    TrainEpoch(inputs, targets, count, learningRate, batchSize, 1);");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// One epoch of minibatch SGD, as the course's <c>nn_epoch</c>, on <paramref name=\"degreeOfParallelism\"/> threads: the calling");
        writer.Line("/// thread and <c>degreeOfParallelism - 1</c> workers, started on the first call that asks for them and reused after (one team of");
        writer.Line("/// threads per network, resized in place when the degree changes; a worker idle for 10 seconds ends, and the next call restarts it).");
        writer.Line("/// </summary>");
        writer.Line("/// <remarks>");
        writer.Line("/// Each step shares out the batch's rows (forward, loss and backward of a row need only that row) and then the");
        writer.Line("/// weights, by ranges of inputs: every weight's gradient is summed over the batch in row order by one thread, and");
        writer.Line("/// rows are blocked from the batch's start, so the parameters and the loss come out bit-identical to the");
        writer.Line("/// single-threaded epoch for any number of threads. Allocates nothing after the first such call.");
        writer.Line("/// </remarks>");
        WriteEpochParameterDocs(writer, plan, targets);
        writer.Line("/// <param name=\"degreeOfParallelism\">The threads to train on, the caller's included: 1 trains on the calling thread alone; at most <c>NetworkLimits.MaxDegreeOfParallelism</c> (256).</param>");
        writer.Line("/// <returns>The sum of the rows' losses, each taken before its batch's step, divided by <paramref name=\"count\"/> (NaN for 0 rows); the count and the number of steps.</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match <paramref name=\"count\"/>, the count is negative, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class, " : string.Empty) + "the learning rate is not finite or the degree of parallelism is below 1 or above NetworkLimits.MaxDegreeOfParallelism.");
        WriteDivergedExceptionDoc(writer); // divergence guard (NetworkEmitter.Guard.cs)
        WriteGeneratedCode(writer);
        using (writer.Block("public " + Names.EpochResult + " TrainEpoch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count, float learningRate, int batchSize, int degreeOfParallelism)"))
        {
            WriteCallerGate(writer, "TrainEpoch"); // one caller at a time (NetworkEmitter.CallerGate.cs)
            writer.Line(Names.Guard + ".Count(count);");
            writer.Line(Names.Guard + ".BatchSize(batchSize, MaxBatch);");
            writer.Line(LengthGuard("inputs", "count", "InputSize", "InputSize"));
            if (targets.IsLabels)
            {
                writer.Line(LengthGuard("targets", "count", "1", "1 label"));
                writer.Line(Names.Guard + ".Labels(targets, OutputSize);");
            }
            else
            {
                writer.Line(LengthGuard("targets", "count", "OutputSize", "OutputSize"));
            }

            WriteLearningRateGuard(writer);
            writer.Line(Names.WorkerTeam + ".CheckWorkers(degreeOfParallelism, \"degreeOfParallelism\");");
            writer.Line(Names.WorkerTeam + "? team = degreeOfParallelism > 1 ? Team(degreeOfParallelism) : null;");
            writer.Line("double loss = 0;");
            writer.Line("int start = 0, batches = 0;");
            using (writer.Block("while (start < count)"))
            {
                writer.Line("int m = " + Names.Math + ".Min(batchSize, count - start);");
                WriteGuardBatchCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
                writer.Line("SetTargets(" + (targets.IsLabels ? "targets.Slice(start, m)" : "targets.Slice(start * OutputSize, m * OutputSize)") + ");");
                writer.Line("var batch = inputs.Slice(start * InputSize, m * InputSize);");
                writer.Line("loss += team is null ? RunTrainStep(batch, m, learningRate) : RunTrainStep(team, batch, m, learningRate);");
                writer.Line("start += m;");
                writer.Line("batches++;");
            }

            WriteGuardBatchReset(writer); // divergence guard (NetworkEmitter.Guard.cs)
            writer.Line("return new " + Names.EpochResult + "(loss / count, count, batches);");
        }
    }

    private static void WriteEpochParameterDocs(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("count") + "</param>");
        writer.Line("/// <param name=\"count\">The number of rows.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        writer.Line("/// <param name=\"batchSize\">The rows per step, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
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
            if (plan.Layers.Any(t => t.HasTransposedWeights))
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
            if (plan.Layers.Any(t => t.HasTransposedWeights))
                writer.Line("TransposeWeights();".PadRight(44) + " // W^T for the backward kernels, before the weights change");
            writer.Line("RowsPass(inputs, m, 0, m, work);".PadRight(44) + " // forward, loss and backward, row by row");
            writer.Line("double loss = SumRowLosses(m);");
            WriteGuardBeforeStepCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
            foreach (LayerPlan t in plan.Layers.Reverse())
            {
                writer.Line(WeightsCall("UpdateLayer", t, "0", t.InputsConst, ", learningRate", "work").PadRight(44) + " // " + t.Weights + " -= learningRate " + t.Input + "^T " + t.Delta
                    + (t.Layer.HasBias ? ", " + t.Bias + " -= learningRate 1^T " + t.Delta : string.Empty));
            }

            WriteGuardAfterStepCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
            writer.Line("return loss;");
        }

        writer.Line();
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
            if (plan.Layers.Any(t => t.HasTransposedWeights))
                writer.Line("TransposeWeights();");
            writer.Line("_stepRows = m;");
            writer.Line("_stepLearningRate = learningRate;");
            writer.Line("team.Run(_teamWork!, RowsPhase, inputs, m);             // units: rows");
            writer.Line("double loss = SumRowLosses(m);");
            WriteGuardBeforeStepCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
            writer.Line("team.Run(_teamWork!, UpdatePhase, inputs, UpdatePieces); // units: pieces of the layers' inputs");
            WriteGuardAfterStepCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
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
    private static void WriteTeam(SourceWriter writer, NetworkPlan plan)
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
            writer.Line("private readonly " + plan.TypeName + " _network;");
            writer.Line();
            writer.Line("public TeamWork(" + plan.TypeName + " network) => _network = network;");
            writer.Line();
            writer.Line("public void Run(int phase, int worker) => _network.RunPhase(phase, worker);");
        }
    }

    private static string TargetField(NetworkPlan plan) => plan.IsClassifier ? "<c>_labels</c>" : "<c>_targets</c>";

    private static string OutputGradientText(NetworkPlan plan)
    {
        LayerPlan output = plan.OutputLayer;
        string mean = plan.Reduction == Reduction.Mean ? " / m" : string.Empty;
        return plan.IsClassifier
            ? "(softmax(" + output.Output + ") - I_y)" + mean
            : (plan.Loss == Loss.HalfSquaredError ? "(" : "2 (") + output.Output + " - Y)" + (output.DerivativeText is null ? string.Empty : " o " + output.DerivativeText) + mean;
    }

    private static string PropagateEquation(NetworkPlan plan, LayerPlan t)
    {
        LayerPlan previous = plan.Before(t);
        string product = t.Delta + " " + t.Weights + "^T";
        return previous.Delta + " = " + (previous.DerivativeText is null ? product : previous.DerivativeText + " o (" + product + ")");
    }

    private static string CoreTargets(NetworkPlan plan) => plan.IsClassifier ? "labels" : "targets";

    private static void WriteBatchParameterDocs(SourceWriter writer, NetworkPlan plan, TargetKind targets)
    {
        writer.Line("/// <param name=\"inputs\">Row-major <c>[batchSize x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("batchSize") + "</param>");
        writer.Line("/// <param name=\"batchSize\">The number of rows, from 1 to " + Names.Int(plan.MaxBatch) + ".</param>");
    }

    private static string ReductionText(NetworkPlan plan) =>
        plan.Reduction == Reduction.Mean ? "the mean of the rows' losses" : "the sum of the rows' losses";

    /// <summary>The batch loss from the sum of the rows' losses: divided by the batch size for the mean.</summary>
    private static string Reduce(NetworkPlan plan, string sum) =>
        plan.Reduction == Reduction.Mean ? "(" + sum + " / batchSize)" : "(" + sum + ")";
}
