using System;
using NetGen.Training;

namespace NetGen;

/// <summary>
/// A network trained on targets of type <typeparamref name="TTarget"/>: class labels (<see cref="byte"/> or
/// <see cref="int"/>, one per row) for softmax cross-entropy, or real vectors (<see cref="float"/>,
/// <c>[rows x OutputSize]</c>) for the squared losses.
/// </summary>
/// <typeparam name="TTarget">The element type of the targets.</typeparam>
public interface INetwork<TTarget> : INetwork
    where TTarget : unmanaged
{
    /// <summary>Forward and backward over a batch: fills <see cref="INetwork.Gradients"/> and returns the batch loss.</summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>The loss of the batch, reduced as declared (mean or sum over the rows).</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range or a label is not a class.</exception>
    float Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int batchSize);

    /// <summary>
    /// Like <see cref="Backward"/>, and also writes the gradient of the batch loss with respect to every input
    /// (row-major <c>[batchSize x InputSize]</c>), e.g. to see what the network looks at.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="inputGradients">Receives <c>dLoss/dInputs</c>, row-major <c>[batchSize x InputSize]</c>.</param>
    /// <returns>The loss of the batch.</returns>
    float InputGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int batchSize, Span<float> inputGradients);

    /// <summary>
    /// The exact product <c>H v</c> of the Hessian of the batch loss with respect to the parameters and a vector
    /// <paramref name="v"/> in the layout of <see cref="INetwork.Parameters"/>, by Pearlmutter's R-operator: the
    /// directional derivatives along <paramref name="v"/> carried through the forward and the backward pass, at about
    /// twice the cost of <see cref="Backward"/>. <see cref="INetwork.Parameters"/> and <see cref="INetwork.Gradients"/>
    /// are not changed; nothing is allocated after the first call.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="v">The direction, one value per parameter (length <c>ParameterCount</c>).</param>
    /// <param name="result">Receives <c>H v</c> (length <c>ParameterCount</c>); may be the same memory as <paramref name="v"/>.</param>
    /// <returns>The loss of the batch, reduced as declared.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range or a label is not a class.</exception>
    float HessianVectorProduct(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int batchSize, ReadOnlySpan<float> v, Span<float> result);

    /// <summary>
    /// One SGD step in place: the loss and gradient of the batch at the current parameters, then
    /// <c>Parameters -= learningRate * gradient</c>. Returns the loss before the step.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <returns>The batch loss before the step.</returns>
    /// <exception cref="TrainingDivergedException">The step produced a NaN or infinite loss or parameter; the parameters are those from before it.</exception>
    float TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int batchSize, float learningRate);

    /// <summary>
    /// One epoch of minibatch SGD with the course's <c>nn_epoch</c> semantics: rows in order, no shuffling,
    /// batches of <paramref name="batchSize"/> rows, the last partial batch included and reduced over its own size.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[count x OutputSize]</c> real targets.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <param name="batchSize">The rows per step, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>The mean per-row loss over the epoch (each taken before its batch's step) and the counts.</returns>
    /// <exception cref="TrainingDivergedException">
    /// A step produced a NaN or infinite loss or parameter: the parameters are those from before that step (the steps before
    /// it stand), and the exception names the batch and the layer.
    /// </exception>
    EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count, float learningRate, int batchSize);

    /// <summary>
    /// One epoch as <see cref="TrainEpoch(ReadOnlySpan{float}, ReadOnlySpan{TTarget}, int, float, int)"/>, recording into
    /// <paramref name="health"/> each layer's weight-gradient norm and which ReLU units were ever active. The steps run
    /// unfused (backward, measure, update), with the same arithmetic; nothing is allocated.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[count x OutputSize]</c> real targets.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <param name="batchSize">The rows per step, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="health">Receives the measurements (they add up until its <see cref="GradientHealth.Reset"/>).</param>
    /// <returns>The mean per-row loss over the epoch and the counts.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range, a label is not a class, the learning rate is not finite or <paramref name="health"/> is for another network.</exception>
    /// <exception cref="TrainingDivergedException">A step produced a NaN or infinite loss or parameter; the parameters are those from before it.</exception>
    EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count, float learningRate, int batchSize, GradientHealth health);

    /// <summary>
    /// One epoch of minibatch SGD as <see cref="TrainEpoch(ReadOnlySpan{float}, ReadOnlySpan{TTarget}, int, float, int)"/>,
    /// on <paramref name="degreeOfParallelism"/> threads: the calling thread and <c>degreeOfParallelism - 1</c> worker
    /// threads, started on the first call that asks for them and reused by later calls (no allocation after that).
    /// </summary>
    /// <remarks>
    /// Each step shares out the batch's rows for the forward and backward passes, then the weights by ranges of inputs,
    /// so that every weight's gradient is summed over the batch in row order by a single thread. The parameters and the
    /// mean loss are therefore bit-identical to the single-threaded epoch, for any number of threads. The default
    /// implementation, for networks that cannot share out their work, trains on the calling thread.
    /// </remarks>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[count x OutputSize]</c> real targets.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <param name="batchSize">The rows per step, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="degreeOfParallelism">The threads to use, the caller's included; 1 trains on the calling thread alone.</param>
    /// <returns>The mean per-row loss over the epoch (each taken before its batch's step) and the counts.</returns>
    /// <exception cref="ArgumentException">A length or the batch size is out of range, a label is not a class, the
    /// learning rate is not finite or <paramref name="degreeOfParallelism"/> is below 1.</exception>
    /// <exception cref="TrainingDivergedException">A step produced a NaN or infinite loss or parameter; the parameters are those from before it.</exception>
    EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count, float learningRate, int batchSize, int degreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreeOfParallelism, 1);
        return TrainEpoch(inputs, targets, count, learningRate, batchSize);
    }

    /// <summary>The mean per-row loss and, for a classifier, the error rate (argmax against the label), without training.</summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">One label per row, or row-major <c>[count x OutputSize]</c> real targets.</param>
    /// <param name="count">The number of rows; any number, processed in batches of <c>MaxBatch</c>.</param>
    /// <returns>The evaluation.</returns>
    Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count);
}
