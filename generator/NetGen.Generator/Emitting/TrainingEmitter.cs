using static NetGen.Generator.Emitting.EmitterText;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The entry points that compute gradients or train: <c>Backward</c>, <c>InputGradient</c>, <c>ApplySgd</c>,
/// <c>TrainBatch</c> and <c>TrainEpoch</c>, one overload per kind of target.
/// </summary>
internal static class TrainingEmitter
{
    /// <summary>Each entry point's docs and forward in <paramref name="surface"/>, its body in <paramref name="core"/>.</summary>
    public static void Write(SourceWriter surface, SourceWriter core, Planning.NetworkPlan plan)
    {
        TargetKind[] targets = TargetKind.For(plan);
        foreach (TargetKind kind in targets)
        {
            surface.Line();
            surface.SkipsDocComments = kind == TargetKind.Ints;
            WriteBackward(surface, core, plan, kind);
            surface.SkipsDocComments = false;
        }

        foreach (TargetKind kind in targets)
        {
            surface.Line();
            surface.SkipsDocComments = kind == TargetKind.Ints;
            WriteInputGradient(surface, core, plan, kind);
            surface.SkipsDocComments = false;
        }

        surface.Line();
        WriteApplySgd(surface, core);
        foreach (TargetKind kind in targets)
        {
            surface.Line();
            surface.SkipsDocComments = kind == TargetKind.Ints;
            WriteTrainBatch(surface, core, plan, kind);
            surface.SkipsDocComments = false;
        }

        foreach (TargetKind kind in targets)
        {
            surface.Line();
            surface.SkipsDocComments = kind == TargetKind.Ints;
            WriteTrainEpoch(surface, core, plan, kind);
            surface.SkipsDocComments = false;
        }
    }

    // public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize) { guards; RunBackward / m }
    private static void WriteBackward(SourceWriter surface, SourceWriter core, Planning.NetworkPlan plan, TargetKind targets)
    {
        surface.Line("/// <summary>Forward and backward over a batch: fills <see cref=\"Gradients\"/> and returns the batch loss.</summary>");
        WriteBatchParameterDocs(surface, plan, targets);
        surface.Line("/// <returns>The loss of the batch, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        EntryPoint.Write(surface, core, "public float Backward(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize)", () =>
        {
            WriteRowGuards(core, "batchSize", targets);
            core.Line("SetTargets(targets);");
            core.Line("return (float)" + Reduce(plan, "RunBackward(inputs, batchSize)") + ";");
        });
    }

    // public float InputGradient(..., Span<float> inputGradients) { guards; RunBackward; PropagateLayer1(inputGradients, m) }
    private static void WriteInputGradient(SourceWriter surface, SourceWriter core, Planning.NetworkPlan plan, TargetKind targets)
    {
        Planning.LayerPlan first = plan.Layers[0];
        surface.Line("/// <summary>");
        surface.Line("/// Like <c>Backward</c>, and also writes <c>dX = " + first.Delta + " " + first.Weights + "^T</c>, the gradient of the batch loss with respect to every input.");
        surface.Line("/// </summary>");
        WriteBatchParameterDocs(surface, plan, targets);
        surface.Line("/// <param name=\"inputGradients\">Receives <c>dLoss/dX</c>, row-major <c>[batchSize x " + Names.Int(plan.InputSize) + "]</c>.</param>");
        surface.Line("/// <returns>The loss of the batch, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        string signature = "public float InputGradient(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, " + Names.Span + " inputGradients)";
        EntryPoint.Write(surface, core, signature, () =>
        {
            WriteRowGuards(core, "batchSize", targets);
            core.Line(LengthGuard("inputGradients", "batchSize", "InputSize", "InputSize"));
            core.Line("SetTargets(targets);");
            core.Line("double loss = RunBackward(inputs, batchSize);");
            core.Line("PropagateLayer1(inputGradients, batchSize); // dX = " + first.Delta + " " + first.Weights + "^T");
            core.Line("return (float)" + Reduce(plan, "loss") + ";");
        });
    }

    // public void ApplySgd(float learningRate) => Sgd.Step(_parameters, _gradients, learningRate);
    private static void WriteApplySgd(SourceWriter surface, SourceWriter core)
    {
        surface.Line("/// <summary>In place: <c>Parameters -= learningRate * Gradients</c>.</summary>");
        surface.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        surface.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"learningRate\"/> is NaN or infinite. Nothing is written.</exception>");
        EntryPoint.Write(surface, core, "public void ApplySgd(float learningRate)", () =>
        {
            WriteLearningRateGuard(core);
            core.Line(Names.Sgd + ".Step(_parameters, _gradients, learningRate);");
        });
    }

    // public float TrainBatch(inputs, targets, batchSize, learningRate) { guards; RunTrainStep / m }
    private static void WriteTrainBatch(SourceWriter surface, SourceWriter core, Planning.NetworkPlan plan, TargetKind targets)
    {
        surface.Line("/// <summary>");
        surface.Line("/// One SGD step in place: the loss and gradient of the batch at the current parameters, then");
        surface.Line("/// <c>Parameters -= learningRate * gradient</c>, layer by layer without storing the gradient (<see cref=\"Gradients\"/> is left as it was).");
        surface.Line("/// </summary>");
        WriteBatchParameterDocs(surface, plan, targets);
        surface.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        surface.Line("/// <returns>The loss of the batch before the step, " + ReductionText(plan) + ".</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class " : string.Empty) + "or the learning rate is not finite.");
        WriteDivergedExceptionDoc(surface);
        string signature = "public float TrainBatch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, float learningRate)";
        EntryPoint.Write(surface, core, signature, () =>
        {
            WriteRowGuards(core, "batchSize", targets);
            WriteLearningRateGuard(core);
            core.Line("SetTargets(targets);");
            core.Line("return (float)" + Reduce(plan, "RunTrainStep(inputs, batchSize, learningRate)") + ";");
        });
    }

    // public EpochResult TrainEpoch(inputs, targets, count, learningRate, batchSize) => TrainEpoch(..., degreeOfParallelism: 1);
    // public EpochResult TrainEpoch(inputs, targets, count, learningRate, batchSize, int degreeOfParallelism)
    // { guards; while (start < count) { SetTargets(batch); loss += RunTrainStep([team, ]batch, m, learningRate); } }
    private static void WriteTrainEpoch(SourceWriter surface, SourceWriter core, Planning.NetworkPlan plan, TargetKind targets)
    {
        string parameters = Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count, float learningRate, int batchSize";
        surface.Line("/// <summary>");
        surface.Line("/// One epoch of minibatch SGD, as the course's <c>nn_epoch</c>: rows in order, no shuffling, batches of");
        surface.Line("/// <paramref name=\"batchSize\"/> rows, the last partial batch included and reduced over its own size. On the calling thread.");
        surface.Line("/// </summary>");
        WriteEpochParameterDocs(surface, plan, targets);
        surface.Line("/// <returns>The sum of the rows' losses, each taken before its batch's step, divided by <paramref name=\"count\"/> (NaN for 0 rows); the count and the number of steps.</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match <paramref name=\"count\"/>, the count is negative, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class " : string.Empty) + "or the learning rate is not finite.");
        WriteDivergedExceptionDoc(surface);
        EntryPoint.Forward(surface, "public " + Names.EpochResult + " TrainEpoch(" + parameters + ")", "inputs, targets, count, learningRate, batchSize, 1");
        surface.Line();
        surface.Line("/// <summary>");
        surface.Line("/// One epoch of minibatch SGD, as the course's <c>nn_epoch</c>, on <paramref name=\"degreeOfParallelism\"/> threads: the calling");
        surface.Line("/// thread and <c>degreeOfParallelism - 1</c> workers, started on the first call that asks for them and reused after (one team of");
        surface.Line("/// threads per network, resized in place when the degree changes; a worker idle for 10 seconds ends, and the next call restarts it).");
        surface.Line("/// </summary>");
        surface.Line("/// <remarks>");
        surface.Line("/// Each step shares out the batch's rows (forward, loss and backward of a row need only that row) and then the");
        surface.Line("/// weights, by ranges of inputs: every weight's gradient is summed over the batch in row order by one thread, and");
        surface.Line("/// rows are blocked from the batch's start, so the parameters and the loss come out bit-identical to the");
        surface.Line("/// single-threaded epoch for any number of threads. Allocates nothing after the first such call.");
        surface.Line("/// </remarks>");
        WriteEpochParameterDocs(surface, plan, targets);
        surface.Line("/// <param name=\"degreeOfParallelism\">The threads to train on, the caller's included: 1 trains on the calling thread alone; at most <c>NetworkLimits.MaxDegreeOfParallelism</c> (256).</param>");
        surface.Line("/// <returns>The sum of the rows' losses, each taken before its batch's step, divided by <paramref name=\"count\"/> (NaN for 0 rows); the count and the number of steps.</returns>");
        WriteArgumentExceptionDoc(surface, "A length does not match <paramref name=\"count\"/>, the count is negative, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class, " : string.Empty) + "the learning rate is not finite or the degree of parallelism is below 1 or above NetworkLimits.MaxDegreeOfParallelism.");
        WriteDivergedExceptionDoc(surface);
        EntryPoint.Write(surface, core, "public " + Names.EpochResult + " TrainEpoch(" + parameters + ", int degreeOfParallelism)", () => WriteTrainEpochBody(core, targets));
    }

    /// <summary>The argument checks every epoch begins with (count, batch size, lengths, labels, learning rate).</summary>
    internal static void WriteEpochGuards(SourceWriter core, TargetKind targets)
    {
        core.Line(Names.Guard + ".Count(count);");
        core.Line(Names.Guard + ".BatchSize(batchSize, MaxBatch);");
        core.Line(LengthGuard("inputs", "count", "InputSize", "InputSize"));
        if (targets.IsLabels)
        {
            core.Line(LengthGuard("targets", "count", "1", "1 label"));
            core.Line(Names.Guard + ".Labels(targets, OutputSize);");
        }
        else
        {
            core.Line(LengthGuard("targets", "count", "OutputSize", "OutputSize"));
        }

        WriteLearningRateGuard(core);
    }

    private static void WriteTrainEpochBody(SourceWriter core, TargetKind targets)
    {
        WriteEpochGuards(core, targets);
        core.Line(Names.WorkerTeam + ".CheckWorkers(degreeOfParallelism, \"degreeOfParallelism\");");
        core.Line(Names.WorkerTeam + "? team = degreeOfParallelism > 1 ? Team(degreeOfParallelism) : null;");
        core.Line("double loss = 0;");
        core.Line("int start = 0, batches = 0;");
        using (core.Block("while (start < count)"))
        {
            core.Line("int m = " + Names.Math + ".Min(batchSize, count - start);");
            core.Line("_guardBatch = batches; _guardFirstRow = start; // for the divergence guard's message");
            core.Line("SetTargets(" + (targets.IsLabels ? "targets.Slice(start, m)" : "targets.Slice(start * OutputSize, m * OutputSize)") + ");");
            core.Line("var batch = inputs.Slice(start * InputSize, m * InputSize);");
            core.Line("loss += team is null ? RunTrainStep(batch, m, learningRate) : RunTrainStep(team, batch, m, learningRate);");
            core.Line("start += m;");
            core.Line("batches++;");
        }

        core.Line("_guardBatch = _guardFirstRow = 0;");
        core.Line("return new " + Names.EpochResult + "(loss / count, count, batches);");
    }
}
