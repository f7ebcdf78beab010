using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

internal static partial class NetworkEmitter
{
    // public float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<byte> targets, int batchSize) { guards; RunBackward / m }
    private static void WriteBackward(SourceWriter writer, NetworkModel model, TargetKind targets)
    {
        writer.Line("/// <summary>Forward and backward over a batch: fills <see cref=\"Gradients\"/> and returns the batch loss.</summary>");
        WriteBatchParameterDocs(writer, model, targets);
        writer.Line("/// <returns>The loss of the batch, " + ReductionText(model) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        WriteGeneratedCode(writer);
        using (writer.Block("public float Backward(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize)"))
        {
            WriteRowGuards(writer, "batchSize", targets);
            writer.Line("return (float)" + Reduce(model, "RunBackward(inputs, " + targets.Rows("targets", "0", "batchSize") + ", batchSize)") + ";");
        }
    }

    // public float InputGradient(..., Span<float> inputGradients) { guards; RunBackward; PropagateLayer1(inputGradients, m) }
    private static void WriteInputGradient(SourceWriter writer, NetworkModel model, TargetKind targets)
    {
        LayerTerms first = Terms(model, model.Layers[0]);
        writer.Line("/// <summary>");
        writer.Line("/// Like <c>Backward</c>, and also writes <c>dX = " + first.Delta + " " + first.Weights + "^T</c>, the gradient of the batch loss with respect to every input.");
        writer.Line("/// </summary>");
        WriteBatchParameterDocs(writer, model, targets);
        writer.Line("/// <param name=\"inputGradients\">Receives <c>dLoss/dX</c>, row-major <c>[batchSize x " + Names.Int(model.InputSize) + "]</c>.</param>");
        writer.Line("/// <returns>The loss of the batch, " + ReductionText(model) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match, the batch size is out of range" + (targets.IsLabels ? " or a label is not a class." : "."));
        WriteGeneratedCode(writer);
        using (writer.Block("public float InputGradient(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, " + Names.Span + " inputGradients)"))
        {
            WriteRowGuards(writer, "batchSize", targets);
            writer.Line(LengthGuard("inputGradients", "batchSize", "InputSize", "InputSize"));
            writer.Line("double loss = RunBackward(inputs, " + targets.Rows("targets", "0", "batchSize") + ", batchSize);");
            writer.Line("PropagateLayer1(inputGradients, batchSize); // dX = " + first.Delta + " " + first.Weights + "^T");
            writer.Line("return (float)" + Reduce(model, "loss") + ";");
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
            WriteLearningRateGuard(writer);
            writer.Line(Names.Sgd + ".Step(_parameters, _gradients, learningRate);");
        }
    }

    // public float TrainBatch(inputs, targets, batchSize, learningRate) { guards; RunTrainStep / m }
    private static void WriteTrainBatch(SourceWriter writer, NetworkModel model, TargetKind targets)
    {
        writer.Line("/// <summary>");
        writer.Line("/// One SGD step in place: the loss and gradient of the batch at the current parameters, then");
        writer.Line("/// <c>Parameters -= learningRate * gradient</c>, layer by layer without storing the gradient (<see cref=\"Gradients\"/> is left as it was).");
        writer.Line("/// </summary>");
        WriteBatchParameterDocs(writer, model, targets);
        writer.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        writer.Line("/// <returns>The loss of the batch before the step, " + ReductionText(model) + ".</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class " : string.Empty) + "or the learning rate is not finite.");
        WriteDivergedExceptionDoc(writer); // divergence guard (NetworkEmitter.Guard.cs)
        WriteGeneratedCode(writer);
        using (writer.Block("public float TrainBatch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int batchSize, float learningRate)"))
        {
            WriteRowGuards(writer, "batchSize", targets);
            WriteLearningRateGuard(writer);
            writer.Line("return (float)" + Reduce(model, "RunTrainStep(inputs, " + targets.Rows("targets", "0", "batchSize") + ", batchSize, learningRate)") + ";");
        }
    }

    // public EpochResult TrainEpoch(inputs, targets, count, learningRate, batchSize) { guards; while (start < count) RunTrainStep }
    private static void WriteTrainEpoch(SourceWriter writer, NetworkModel model, TargetKind targets)
    {
        writer.Line("/// <summary>");
        writer.Line("/// One epoch of minibatch SGD, as the course's <c>nn_epoch</c>: rows in order, no shuffling, batches of");
        writer.Line("/// <paramref name=\"batchSize\"/> rows, the last partial batch included and reduced over its own size.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[count x " + Names.Int(model.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("count") + "</param>");
        writer.Line("/// <param name=\"count\">The number of rows.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size; finite.</param>");
        writer.Line("/// <param name=\"batchSize\">The rows per step, from 1 to " + Names.Int(model.MaxBatch) + ".</param>");
        writer.Line("/// <returns>The sum of the rows' losses, each taken before its batch's step, divided by <paramref name=\"count\"/> (NaN for 0 rows); the count and the number of steps.</returns>");
        WriteArgumentExceptionDoc(writer, "A length does not match <paramref name=\"count\"/>, the count is negative, the batch size is out of range, " + (targets.IsLabels ? "a label is not a class " : string.Empty) + "or the learning rate is not finite.");
        WriteDivergedExceptionDoc(writer); // divergence guard (NetworkEmitter.Guard.cs)
        WriteGeneratedCode(writer);
        using (writer.Block("public " + Names.EpochResult + " TrainEpoch(" + Names.ReadOnlySpan + " inputs, " + targets.SpanType + " targets, int count, float learningRate, int batchSize)"))
        {
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
            writer.Line("double loss = 0;");
            writer.Line("int start = 0, batches = 0;");
            using (writer.Block("while (start < count)"))
            {
                writer.Line("int m = " + Names.Math + ".Min(batchSize, count - start);");
                WriteGuardBatchCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
                writer.Line("loss += RunTrainStep(inputs.Slice(start * InputSize, m * InputSize), " + targets.Rows("targets", "start", "m") + ", m, learningRate);");
                writer.Line("start += m;");
                writer.Line("batches++;");
            }

            WriteGuardBatchReset(writer); // divergence guard (NetworkEmitter.Guard.cs)
            writer.Line("return new " + Names.EpochResult + "(loss / count, count, batches);");
        }
    }

    // private double RunBackward(inputs, targets, m) { RunForward; OutputGradient; BackwardLayer2; PropagateLayer2; BackwardLayer1 }
    private static void WriteRunBackward(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>Forward, loss and backward over <paramref name=\"m\"/> rows into <see cref=\"Gradients\"/>; returns the sum of the rows' losses.</summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(model.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"" + CoreTargets(model) + "\">The targets of the <paramref name=\"m\"/> rows.</param>");
        writer.Line("/// <param name=\"m\">The number of rows.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private double RunBackward(" + Names.ReadOnlySpan + " inputs, " + TargetKind.CoreSpanType(model) + " " + CoreTargets(model) + ", int m)"))
        {
            writer.Line("RunForward(inputs, m);");
            WriteOutputGradientCall(writer, model);
            foreach (LayerTerms t in AllTerms(model).Reverse())
            {
                writer.Line(Call("BackwardLayer", t, string.Empty) + " // d" + t.Weights + " = " + t.Input + "^T " + t.Delta
                    + (t.Layer.HasBias ? ", d" + t.Bias + " = 1^T " + t.Delta : string.Empty));
                if (t.Previous is not null)
                    writer.Line(PropagateCall(t) + " // " + PropagateEquation(model, t));
            }

            writer.Line("return loss;");
        }
    }

    // private double RunTrainStep(inputs, targets, m, learningRate) { RunForward; OutputGradient; PropagateLayer2; UpdateLayer2; UpdateLayer1 }
    private static void WriteRunTrainStep(SourceWriter writer, NetworkModel model)
    {
        writer.Line("/// <summary>");
        writer.Line("/// One fused SGD step over <paramref name=\"m\"/> rows; returns the sum of the rows' losses before the step. Each layer");
        writer.Line("/// hands its gradient down from its weights before they change, then updates them in place.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"inputs\">Row-major <c>[m x " + Names.Int(model.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"" + CoreTargets(model) + "\">The targets of the <paramref name=\"m\"/> rows.</param>");
        writer.Line("/// <param name=\"m\">The number of rows.</param>");
        writer.Line("/// <param name=\"learningRate\">The step size.</param>");
        WriteGeneratedCode(writer);
        using (writer.Block("private double RunTrainStep(" + Names.ReadOnlySpan + " inputs, " + TargetKind.CoreSpanType(model) + " " + CoreTargets(model) + ", int m, float learningRate)"))
        {
            writer.Line("RunForward(inputs, m);");
            WriteOutputGradientCall(writer, model);
            WriteGuardBeforeStepCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
            foreach (LayerTerms t in AllTerms(model).Reverse())
            {
                if (t.Previous is not null)
                    writer.Line(PropagateCall(t) + " // " + PropagateEquation(model, t) + ", before " + t.Weights + " changes");
                writer.Line(Call("UpdateLayer", t, ", learningRate") + " // " + t.Weights + " -= learningRate " + t.Input + "^T " + t.Delta
                    + (t.Layer.HasBias ? ", " + t.Bias + " -= learningRate 1^T " + t.Delta : string.Empty));
            }

            WriteGuardAfterStepCall(writer); // divergence guard (NetworkEmitter.Guard.cs)
            writer.Line("return loss;");
        }
    }

    private static void WriteOutputGradientCall(SourceWriter writer, NetworkModel model)
    {
        LayerTerms output = Terms(model, model.OutputLayer);
        string mean = model.Reduction == Reduction.Mean ? " / m" : string.Empty;
        string gradient = model.IsClassifier
            ? "(softmax(" + output.Output + ") - I_y)" + mean
            : (model.Loss == Loss.HalfSquaredError ? "(" : "2 (") + output.Output + " - Y)" + (output.DerivativeText is null ? string.Empty : " o " + output.DerivativeText) + mean;
        writer.Line(("double loss = OutputGradient(" + CoreTargets(model) + ", m);").PadRight(44) + " // " + output.Delta + " = " + gradient);
    }

    private static string PropagateCall(LayerTerms t) => ("PropagateLayer" + t.N + "(m);").PadRight(44);

    private static string PropagateEquation(NetworkModel model, LayerTerms t)
    {
        LayerTerms previous = Terms(model, t.Previous!);
        string product = t.Delta + " " + t.Weights + "^T";
        return previous.Delta + " = " + (previous.DerivativeText is null ? product : previous.DerivativeText + " o (" + product + ")");
    }

    private static string CoreTargets(NetworkModel model) => model.IsClassifier ? "labels" : "targets";

    private static void WriteBatchParameterDocs(SourceWriter writer, NetworkModel model, TargetKind targets)
    {
        writer.Line("/// <param name=\"inputs\">Row-major <c>[batchSize x " + Names.Int(model.InputSize) + "]</c>.</param>");
        writer.Line("/// <param name=\"targets\">" + targets.Description("batchSize") + "</param>");
        writer.Line("/// <param name=\"batchSize\">The number of rows, from 1 to " + Names.Int(model.MaxBatch) + ".</param>");
    }

    private static string ReductionText(NetworkModel model) =>
        model.Reduction == Reduction.Mean ? "the mean of the rows' losses" : "the sum of the rows' losses";

    /// <summary>The batch loss from the sum of the rows' losses: divided by the batch size for the mean.</summary>
    private static string Reduce(NetworkModel model, string sum) =>
        model.Reduction == Reduction.Mean ? "(" + sum + " / batchSize)" : "(" + sum + ")";

    private static IEnumerable<LayerTerms> AllTerms(NetworkModel model) => model.Layers.Select(layer => Terms(model, layer));

    private static LayerTerms Terms(NetworkModel model, LayerModel layer) =>
        new(layer, layer.Index == 0 ? null : model.Layers[layer.Index - 1]);
}
