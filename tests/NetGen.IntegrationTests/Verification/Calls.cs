using System;
using NetGen.Reference;

namespace NetGen.IntegrationTests.Verification;

/// <summary>The target-typed calls of a generated network and of the interpreter, picked by the network's loss.</summary>
internal static class Calls
{
    public static float Backward(INetwork network, Batch batch) => network.Spec.IsClassifier
        ? ((INetwork<int>)network).Backward(batch.Inputs, batch.Labels, batch.Rows)
        : ((INetwork<float>)network).Backward(batch.Inputs, batch.Targets, batch.Rows);

    public static double Backward(ReferenceNetwork reference, Batch batch) => reference.Spec.IsClassifier
        ? reference.Backward(batch.Inputs, batch.Labels, batch.Rows)
        : reference.Backward(batch.Inputs, batch.Targets, batch.Rows);

    public static float InputGradient(INetwork network, Batch batch, Span<float> inputGradients) => network.Spec.IsClassifier
        ? ((INetwork<int>)network).InputGradient(batch.Inputs, batch.Labels, batch.Rows, inputGradients)
        : ((INetwork<float>)network).InputGradient(batch.Inputs, batch.Targets, batch.Rows, inputGradients);

    public static double InputGradient(ReferenceNetwork reference, Batch batch, Span<double> inputGradients) => reference.Spec.IsClassifier
        ? reference.InputGradient(batch.Inputs, batch.Labels, batch.Rows, inputGradients)
        : reference.InputGradient(batch.Inputs, batch.Targets, batch.Rows, inputGradients);

    public static float TrainBatch(INetwork network, Batch batch, float learningRate) => network.Spec.IsClassifier
        ? ((INetwork<int>)network).TrainBatch(batch.Inputs, batch.Labels, batch.Rows, learningRate)
        : ((INetwork<float>)network).TrainBatch(batch.Inputs, batch.Targets, batch.Rows, learningRate);

    public static double TrainBatch(ReferenceNetwork reference, Batch batch, float learningRate) => reference.Spec.IsClassifier
        ? reference.TrainBatch(batch.Inputs, batch.Labels, batch.Rows, learningRate)
        : reference.TrainBatch(batch.Inputs, batch.Targets, batch.Rows, learningRate);

    public static EpochResult TrainEpoch(INetwork network, Batch data, float learningRate, int batchSize) => network.Spec.IsClassifier
        ? ((INetwork<int>)network).TrainEpoch(data.Inputs, data.Labels, data.Rows, learningRate, batchSize)
        : ((INetwork<float>)network).TrainEpoch(data.Inputs, data.Targets, data.Rows, learningRate, batchSize);

    public static EpochResult TrainEpoch(ReferenceNetwork reference, Batch data, float learningRate, int batchSize) => reference.Spec.IsClassifier
        ? reference.TrainEpoch(data.Inputs, data.Labels, data.Rows, learningRate, batchSize)
        : reference.TrainEpoch(data.Inputs, data.Targets, data.Rows, learningRate, batchSize);

    public static Evaluation Evaluate(INetwork network, Batch data) => network.Spec.IsClassifier
        ? ((INetwork<int>)network).Evaluate(data.Inputs, data.Labels, data.Rows)
        : ((INetwork<float>)network).Evaluate(data.Inputs, data.Targets, data.Rows);

    public static Evaluation Evaluate(ReferenceNetwork reference, Batch data) => reference.Spec.IsClassifier
        ? reference.Evaluate(data.Inputs, data.Labels, data.Rows)
        : reference.Evaluate(data.Inputs, data.Targets, data.Rows);
}
