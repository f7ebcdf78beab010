using System;
using System.Numerics;
using NetGen.Initialization;
using NetGen.Specification;

namespace NetGen.Reference;

/// <summary>
/// The reference interpreter: runs any <see cref="NetworkSpec"/> with plain loops in double precision, written
/// next to the equations, as the oracle that generated networks are tested against.
/// </summary>
/// <remarks>
/// <para>
/// Semantics (the contract the generated code follows): <c>A_0 = X</c>; for each layer <c>l = 1..L</c>,
/// <c>Z_l = A_{l-1} W_l + b_l</c> and <c>A_l = sigma_l(Z_l)</c>; the output is <c>A_L</c> (the logits for
/// softmax cross-entropy). The batch loss is the sum of the per-row losses, divided by the number of rows for
/// <see cref="Reduction.Mean"/>. The backward pass starts from <c>dL/dA_L</c> and, for <c>l = L..1</c>, forms
/// <c>D_l = dL/dA_l o sigma'(Z_l)</c>, <c>grad W_l = A_{l-1}^T D_l</c>, <c>grad b_l</c> = the column sums of
/// <c>D_l</c> and <c>dL/dA_{l-1} = D_l W_l^T</c>.
/// </para>
/// <para>
/// <see cref="Parameters"/> and <see cref="Gradients"/> use the layout of the generated networks (see
/// <see cref="LayerSpec"/>). Every call checks all of its arguments with <see cref="NetworkGuard"/>, in the order
/// target kind, row count, inputs, targets (length, then label values), output spans, learning rate, before it
/// writes anything, so a rejected call leaves the network and the caller's buffers as they were.
/// </para>
/// <para>
/// Class labels are <see cref="int"/>; real targets are <see cref="double"/>, or <see cref="float"/> together with
/// <see cref="float"/> inputs (the overloads that mirror the generated networks; values are widened exactly).
/// The interpreter allocates on every call: it is meant to be obvious, not fast. An instance is not thread-safe.
/// </para>
/// </remarks>
public sealed partial class ReferenceNetwork
{
    private const string InputWidth = "InputSize";
    private const string OutputWidth = "OutputSize";
    private const string LabelWidth = "1 label";
    private const string BatchRows = "batchSize";
    private const string CountRows = "count";

    private readonly double[] _parameters;
    private readonly double[] _gradients;

    /// <summary>Creates an interpreter for <paramref name="spec"/> with all parameters and gradients zero.</summary>
    /// <param name="spec">The network to run.</param>
    public ReferenceNetwork(NetworkSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        _parameters = new double[spec.ParameterCount];
        _gradients = new double[spec.ParameterCount];
    }

    /// <summary>The network this interpreter runs.</summary>
    public NetworkSpec Spec { get; }

    /// <summary>All parameters, in the layout of the generated networks' <c>Parameters</c>.</summary>
    public Span<double> Parameters => _parameters;

    /// <summary>
    /// The gradient of the batch loss with respect to <see cref="Parameters"/>, written by <c>Backward</c>,
    /// <c>InputGradient</c>, <c>TrainBatch</c> and <c>TrainEpoch</c> (the last step's gradient).
    /// </summary>
    public Span<double> Gradients => _gradients;

    /// <summary>
    /// Fills <see cref="Parameters"/> from a seed exactly as a generated network does: a <see cref="float"/> buffer
    /// filled by <see cref="ParameterInitializer.Initialize"/>, then widened.
    /// </summary>
    /// <param name="seed">The seed.</param>
    public void Initialize(ulong seed)
    {
        var buffer = new float[Spec.ParameterCount];
        ParameterInitializer.Initialize(Spec, buffer, seed);
        CopyParametersFrom(buffer);
    }

    /// <summary>Sets <see cref="Parameters"/> from a generated network's buffer (each value widened exactly).</summary>
    /// <param name="source">The parameters, of length <see cref="NetworkSpec.ParameterCount"/>.</param>
    /// <exception cref="ArgumentException">The length is not the parameter count.</exception>
    public void CopyParametersFrom(ReadOnlySpan<float> source)
    {
        CheckParameterLength(source.Length, nameof(source));
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i] = source[i];
    }

    /// <summary>Copies <see cref="Parameters"/> into a generated network's buffer, each rounded to the nearest float.</summary>
    /// <param name="destination">The buffer, of length <see cref="NetworkSpec.ParameterCount"/>.</param>
    /// <exception cref="ArgumentException">The length is not the parameter count.</exception>
    public void CopyParametersTo(Span<float> destination)
    {
        CheckParameterLength(destination.Length, nameof(destination));
        for (int i = 0; i < _parameters.Length; i++)
            destination[i] = (float)_parameters[i];
    }

    /// <summary>Runs the network on a batch: <c>outputs = A_L</c> (logits for softmax cross-entropy).</summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="outputs">Receives row-major <c>[batchSize x OutputSize]</c>.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <exception cref="ArgumentException">A length does not match or <paramref name="batchSize"/> is out of range.</exception>
    public void Forward(ReadOnlySpan<double> inputs, Span<double> outputs, int batchSize)
    {
        NetworkGuard.BatchSize(batchSize, Spec.MaxBatch);
        NetworkGuard.Length(inputs.Length, batchSize, Spec.InputSize, nameof(inputs), BatchRows, InputWidth);
        NetworkGuard.Length(outputs.Length, batchSize, Spec.OutputSize, nameof(outputs), BatchRows, OutputWidth);
        RunForward(inputs, batchSize).Output.CopyTo(outputs);
    }

    /// <inheritdoc cref="Forward(ReadOnlySpan{double}, Span{double}, int)"/>
    public void Forward(ReadOnlySpan<float> inputs, Span<double> outputs, int batchSize) =>
        Forward(Widen(inputs), outputs, batchSize);

    /// <summary>The batch loss (reduced as declared), without computing gradients.</summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>The loss of the batch.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range or a label is not a class.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs real-valued targets, not labels.</exception>
    public double Loss(ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int batchSize)
    {
        CheckLabelData(inputs.Length, targets, batchSize, BatchRows);
        return RunBatch(inputs, targets, default, batchSize, computeGradients: false, default, out _);
    }

    /// <summary>The batch loss (reduced as declared), without computing gradients.</summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>The loss of the batch.</returns>
    /// <exception cref="ArgumentException">A length does not match or the batch is out of range.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs class labels, not real targets.</exception>
    public double Loss(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batchSize)
    {
        CheckValueData(inputs.Length, targets.Length, batchSize, BatchRows);
        return RunBatch(inputs, default, targets, batchSize, computeGradients: false, default, out _);
    }

    /// <inheritdoc cref="Loss(ReadOnlySpan{double}, ReadOnlySpan{int}, int)"/>
    public double Loss(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize) =>
        Loss(Widen(inputs), targets, batchSize);

    /// <inheritdoc cref="Loss(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    public double Loss(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize) =>
        Loss(Widen(inputs), Widen(targets), batchSize);

    /// <summary>Forward and backward over a batch: fills <see cref="Gradients"/> and returns the batch loss.</summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>The loss of the batch, reduced as declared.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range or a label is not a class.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs real-valued targets, not labels.</exception>
    public double Backward(ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int batchSize)
    {
        CheckLabelData(inputs.Length, targets, batchSize, BatchRows);
        return RunBatch(inputs, targets, default, batchSize, computeGradients: true, default, out _);
    }

    /// <summary>Forward and backward over a batch: fills <see cref="Gradients"/> and returns the batch loss.</summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>The loss of the batch, reduced as declared.</returns>
    /// <exception cref="ArgumentException">A length does not match or the batch is out of range.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs class labels, not real targets.</exception>
    public double Backward(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batchSize)
    {
        CheckValueData(inputs.Length, targets.Length, batchSize, BatchRows);
        return RunBatch(inputs, default, targets, batchSize, computeGradients: true, default, out _);
    }

    /// <inheritdoc cref="Backward(ReadOnlySpan{double}, ReadOnlySpan{int}, int)"/>
    public double Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize) =>
        Backward(Widen(inputs), targets, batchSize);

    /// <inheritdoc cref="Backward(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    public double Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize) =>
        Backward(Widen(inputs), Widen(targets), batchSize);

    /// <summary>
    /// Like <c>Backward</c> (fills <see cref="Gradients"/>), and also writes <c>dL/dA_0</c>, the gradient of the batch
    /// loss with respect to every input.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="inputGradients">Receives row-major <c>[batchSize x InputSize]</c>.</param>
    /// <returns>The loss of the batch, reduced as declared.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range or a label is not a class.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs real-valued targets, not labels.</exception>
    public double InputGradient(ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int batchSize, Span<double> inputGradients)
    {
        CheckLabelData(inputs.Length, targets, batchSize, BatchRows);
        NetworkGuard.Length(inputGradients.Length, batchSize, Spec.InputSize, nameof(inputGradients), BatchRows, InputWidth);
        return RunBatch(inputs, targets, default, batchSize, computeGradients: true, inputGradients, out _);
    }

    /// <summary>
    /// Like <c>Backward</c> (fills <see cref="Gradients"/>), and also writes <c>dL/dA_0</c>, the gradient of the batch
    /// loss with respect to every input.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="inputGradients">Receives row-major <c>[batchSize x InputSize]</c>.</param>
    /// <returns>The loss of the batch, reduced as declared.</returns>
    /// <exception cref="ArgumentException">A length does not match or the batch is out of range.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs class labels, not real targets.</exception>
    public double InputGradient(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batchSize, Span<double> inputGradients)
    {
        CheckValueData(inputs.Length, targets.Length, batchSize, BatchRows);
        NetworkGuard.Length(inputGradients.Length, batchSize, Spec.InputSize, nameof(inputGradients), BatchRows, InputWidth);
        return RunBatch(inputs, default, targets, batchSize, computeGradients: true, inputGradients, out _);
    }

    /// <inheritdoc cref="InputGradient(ReadOnlySpan{double}, ReadOnlySpan{int}, int, Span{double})"/>
    public double InputGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize, Span<double> inputGradients) =>
        InputGradient(Widen(inputs), targets, batchSize, inputGradients);

    /// <inheritdoc cref="InputGradient(ReadOnlySpan{double}, ReadOnlySpan{double}, int, Span{double})"/>
    public double InputGradient(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, Span<double> inputGradients) =>
        InputGradient(Widen(inputs), Widen(targets), batchSize, inputGradients);

    /// <summary>In place: <c>Parameters -= learningRate * Gradients</c>.</summary>
    /// <param name="learningRate">The step size; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN or infinite.</exception>
    public void ApplySgd(double learningRate)
    {
        NetworkGuard.LearningRate(learningRate);
        Step(learningRate);
    }

    /// <summary>
    /// One SGD step: the loss and gradient of the batch at the current parameters (left in <see cref="Gradients"/>),
    /// then <c>Parameters -= learningRate * Gradients</c>.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <returns>The batch loss before the step.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range, a label is not a class or the learning rate is not finite.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs real-valued targets, not labels.</exception>
    public double TrainBatch(ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int batchSize, double learningRate)
    {
        CheckLabelData(inputs.Length, targets, batchSize, BatchRows);
        NetworkGuard.LearningRate(learningRate);
        double loss = RunBatch(inputs, targets, default, batchSize, computeGradients: true, default, out _);
        Step(learningRate);
        return loss;
    }

    /// <summary>
    /// One SGD step: the loss and gradient of the batch at the current parameters (left in <see cref="Gradients"/>),
    /// then <c>Parameters -= learningRate * Gradients</c>.
    /// </summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[batchSize x OutputSize]</c> real targets.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <returns>The batch loss before the step.</returns>
    /// <exception cref="ArgumentException">A length does not match, the batch is out of range or the learning rate is not finite.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs class labels, not real targets.</exception>
    public double TrainBatch(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int batchSize, double learningRate)
    {
        CheckValueData(inputs.Length, targets.Length, batchSize, BatchRows);
        NetworkGuard.LearningRate(learningRate);
        double loss = RunBatch(inputs, default, targets, batchSize, computeGradients: true, default, out _);
        Step(learningRate);
        return loss;
    }

    /// <inheritdoc cref="TrainBatch(ReadOnlySpan{double}, ReadOnlySpan{int}, int, double)"/>
    public double TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int batchSize, double learningRate) =>
        TrainBatch(Widen(inputs), targets, batchSize, learningRate);

    /// <inheritdoc cref="TrainBatch(ReadOnlySpan{double}, ReadOnlySpan{double}, int, double)"/>
    public double TrainBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int batchSize, double learningRate) =>
        TrainBatch(Widen(inputs), Widen(targets), batchSize, learningRate);

    /// <summary>
    /// One epoch of minibatch SGD (the course's <c>nn_epoch</c>): rows in order, no shuffling, batches of
    /// <paramref name="batchSize"/> rows, the last partial batch included and reduced over its own size; each batch
    /// takes its loss and gradient at the current parameters, then steps.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="count">The number of rows; 0 trains nothing.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <param name="batchSize">The rows per step, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>
    /// The sum of the per-row losses (each taken before its batch's step) divided by <paramref name="count"/>, for
    /// either reduction (<see cref="double.NaN"/> when <paramref name="count"/> is 0), the count and the number of steps.
    /// </returns>
    /// <exception cref="ArgumentException">A length or count does not match, the batch size is out of range, a label is not a class or the learning rate is not finite.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs real-valued targets, not labels.</exception>
    public EpochResult TrainEpoch(ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int count, double learningRate, int batchSize)
    {
        RequireLabels();
        CheckEpoch(count, batchSize);
        CheckLabelData(inputs.Length, targets, count, CountRows);
        NetworkGuard.LearningRate(learningRate);
        return RunEpoch(inputs, targets, ReadOnlySpan<double>.Empty, count, learningRate, batchSize);
    }

    /// <summary>
    /// One epoch of minibatch SGD (the course's <c>nn_epoch</c>): rows in order, no shuffling, batches of
    /// <paramref name="batchSize"/> rows, the last partial batch included and reduced over its own size; each batch
    /// takes its loss and gradient at the current parameters, then steps.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[count x OutputSize]</c> real targets.</param>
    /// <param name="count">The number of rows; 0 trains nothing.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <param name="batchSize">The rows per step, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>
    /// The sum of the per-row losses (each taken before its batch's step) divided by <paramref name="count"/>, for
    /// either reduction (<see cref="double.NaN"/> when <paramref name="count"/> is 0), the count and the number of steps.
    /// </returns>
    /// <exception cref="ArgumentException">A length or count does not match, the batch size is out of range or the learning rate is not finite.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs class labels, not real targets.</exception>
    public EpochResult TrainEpoch(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int count, double learningRate, int batchSize)
    {
        RequireValues();
        CheckEpoch(count, batchSize);
        CheckValueData(inputs.Length, targets.Length, count, CountRows);
        NetworkGuard.LearningRate(learningRate);
        return RunEpoch(inputs, default, targets, count, learningRate, batchSize);
    }

    /// <inheritdoc cref="TrainEpoch(ReadOnlySpan{double}, ReadOnlySpan{int}, int, double, int)"/>
    public EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int count, double learningRate, int batchSize)
    {
        RequireLabels();
        CheckEpoch(count, batchSize);
        CheckLabelData(inputs.Length, targets, count, CountRows);
        NetworkGuard.LearningRate(learningRate);
        return RunEpoch(inputs, targets, ReadOnlySpan<float>.Empty, count, learningRate, batchSize);
    }

    /// <inheritdoc cref="TrainEpoch(ReadOnlySpan{double}, ReadOnlySpan{double}, int, double, int)"/>
    public EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count, double learningRate, int batchSize)
    {
        RequireValues();
        CheckEpoch(count, batchSize);
        CheckValueData(inputs.Length, targets.Length, count, CountRows);
        NetworkGuard.LearningRate(learningRate);
        return RunEpoch(inputs, default, targets, count, learningRate, batchSize);
    }

    /// <summary>The mean per-row loss and the error rate (argmax, lowest index on ties, against the label), without training.</summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">One class label per row.</param>
    /// <param name="count">The number of rows; any number.</param>
    /// <returns>The evaluation; its loss and error rate are <see cref="double.NaN"/> when <paramref name="count"/> is 0.</returns>
    /// <exception cref="ArgumentException">A length does not match, the count is negative or a label is not a class.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs real-valued targets, not labels.</exception>
    public Evaluation Evaluate(ReadOnlySpan<double> inputs, ReadOnlySpan<int> targets, int count)
    {
        RequireLabels();
        NetworkGuard.Count(count);
        CheckLabelData(inputs.Length, targets, count, CountRows);
        return RunEvaluation(inputs, targets, ReadOnlySpan<double>.Empty, count);
    }

    /// <summary>The mean per-row loss, without training; a regressor has no error rate (<see cref="double.NaN"/>, 0 errors).</summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="targets">Row-major <c>[count x OutputSize]</c> real targets.</param>
    /// <param name="count">The number of rows; any number.</param>
    /// <returns>The evaluation; its loss is <see cref="double.NaN"/> when <paramref name="count"/> is 0.</returns>
    /// <exception cref="ArgumentException">A length does not match or the count is negative.</exception>
    /// <exception cref="InvalidOperationException">The network's loss needs class labels, not real targets.</exception>
    public Evaluation Evaluate(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, int count)
    {
        RequireValues();
        NetworkGuard.Count(count);
        CheckValueData(inputs.Length, targets.Length, count, CountRows);
        return RunEvaluation(inputs, default, targets, count);
    }

    /// <inheritdoc cref="Evaluate(ReadOnlySpan{double}, ReadOnlySpan{int}, int)"/>
    public Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<int> targets, int count)
    {
        RequireLabels();
        NetworkGuard.Count(count);
        CheckLabelData(inputs.Length, targets, count, CountRows);
        return RunEvaluation(inputs, targets, ReadOnlySpan<float>.Empty, count);
    }

    /// <inheritdoc cref="Evaluate(ReadOnlySpan{double}, ReadOnlySpan{double}, int)"/>
    public Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
    {
        RequireValues();
        NetworkGuard.Count(count);
        CheckValueData(inputs.Length, targets.Length, count, CountRows);
        return RunEvaluation(inputs, default, targets, count);
    }

    /// <summary>Writes the most likely class of each row: the argmax of the logits, the lowest index on ties.</summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="predictions">Receives <paramref name="count"/> class indices.</param>
    /// <param name="count">The number of rows; any number.</param>
    /// <exception cref="ArgumentException">A length does not match or the count is negative.</exception>
    /// <exception cref="InvalidOperationException">The network is not a classifier (its loss is not softmax cross-entropy).</exception>
    public void Predict(ReadOnlySpan<double> inputs, Span<int> predictions, int count) =>
        RunPredict(inputs, predictions, default, wantClasses: true, count);

    /// <inheritdoc cref="Predict(ReadOnlySpan{double}, Span{int}, int)"/>
    public void Predict(ReadOnlySpan<float> inputs, Span<int> predictions, int count) =>
        RunPredict(inputs, predictions, default, wantClasses: true, count);

    /// <summary>Writes the network's outputs for any number of rows (a regressor's predictions).</summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>.</param>
    /// <param name="predictions">Receives row-major <c>[count x OutputSize]</c>.</param>
    /// <param name="count">The number of rows; any number.</param>
    /// <exception cref="ArgumentException">A length does not match or the count is negative.</exception>
    /// <exception cref="InvalidOperationException">The network is a classifier: predict class indices into a <c>Span&lt;int&gt;</c>, or use <c>Forward</c> for its logits.</exception>
    public void Predict(ReadOnlySpan<double> inputs, Span<double> predictions, int count) =>
        RunPredict(inputs, default, predictions, wantClasses: false, count);

    /// <inheritdoc cref="Predict(ReadOnlySpan{double}, Span{double}, int)"/>
    public void Predict(ReadOnlySpan<float> inputs, Span<double> predictions, int count) =>
        RunPredict(inputs, default, predictions, wantClasses: false, count);

    /// <summary>
    /// The distance from the nearest ReLU or LeakyReLU kink: the smallest <c>|z|</c> over every such unit's pre-activation on this
    /// batch, or <see cref="double.PositiveInfinity"/> if the network has no (leaky) ReLU layer.
    /// </summary>
    /// <remarks>
    /// ReLU is not differentiable at 0, where the interpreter uses the derivative 0. A finite-difference check is
    /// only meaningful when no step moves a pre-activation across 0, that is when this margin is well above the
    /// change a step makes (see <see cref="FiniteDifferences"/>).
    /// </remarks>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <returns>The margin.</returns>
    public double KinkMargin(ReadOnlySpan<double> inputs, int batchSize)
    {
        NetworkGuard.BatchSize(batchSize, Spec.MaxBatch);
        NetworkGuard.Length(inputs.Length, batchSize, Spec.InputSize, nameof(inputs), BatchRows, InputWidth);
        ReferenceTrace trace = RunForward(inputs, batchSize);
        double margin = double.PositiveInfinity;
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            if (Spec.Layers[l].Activation is not (Activation.ReLU or Activation.LeakyReLU)) continue;
            foreach (double z in trace.PreActivations[l])
                margin = Math.Min(margin, Math.Abs(z));
        }

        return margin;
    }

    /// <summary>The forward pass with every layer's <c>Z_l</c> and <c>A_l</c> kept; no argument checks.</summary>
    internal ReferenceTrace RunForward(ReadOnlySpan<double> inputs, int rows)
    {
        var trace = new ReferenceTrace(Spec.Layers.Count, rows);

        // A_0 = X.
        trace.Activations[0] = inputs.ToArray();
        for (int l = 0; l < Spec.Layers.Count; l++)
        {
            LayerSpec layer = Spec.Layers[l];
            int n = layer.Inputs, k = layer.Units;
            double[] previous = trace.Activations[l];
            double[] z = new double[rows * k];
            double[] a = new double[rows * k];
            for (int r = 0; r < rows; r++)
            {
                for (int j = 0; j < k; j++)
                {
                    // Z_l[r, j] = sum_i A_{l-1}[r, i] W_l[i, j] + b_l[j].
                    double sum = 0;
                    for (int i = 0; i < n; i++)
                        sum += previous[r * n + i] * _parameters[layer.WeightOffset + i * k + j];
                    if (layer.HasBias)
                        sum += _parameters[layer.BiasOffset + j];
                    z[r * k + j] = sum;

                    // A_l = sigma_l(Z_l).
                    a[r * k + j] = ReferenceActivation.Apply(layer.Activation, sum, layer.NegativeSlope);
                }
            }

            trace.PreActivations[l] = z;
            trace.Activations[l + 1] = a;
        }

        return trace;
    }

    /// <summary>
    /// The loss of one checked batch, reduced as declared. With <paramref name="computeGradients"/> it overwrites
    /// <see cref="Gradients"/>; with a non-empty <paramref name="inputGradients"/> it writes <c>dL/dA_0</c> there.
    /// Exactly one of <paramref name="labels"/> (classifier) and <paramref name="targets"/> (regressor) is used.
    /// </summary>
    private double RunBatch(
        ReadOnlySpan<double> inputs,
        ReadOnlySpan<int> labels,
        ReadOnlySpan<double> targets,
        int rows,
        bool computeGradients,
        Span<double> inputGradients,
        out double rowLossSum)
    {
        ReferenceTrace trace = RunForward(inputs, rows);
        int outputs = Spec.OutputSize;
        bool backward = computeGradients || !inputGradients.IsEmpty;

        // Mean: L = (1/m) sum_r loss_r, so dL/dA_L carries the factor 1/m; Sum: L = sum_r loss_r.
        double scale = Spec.Reduction == Reduction.Mean ? 1.0 / rows : 1.0;
        double[] outputGradient = backward ? new double[rows * outputs] : [];
        rowLossSum = 0;
        for (int r = 0; r < rows; r++)
        {
            rowLossSum += ReferenceLoss.Row(
                Spec.Loss,
                trace.Output.AsSpan(r * outputs, outputs),
                Spec.IsClassifier ? labels[r] : -1,
                Spec.IsClassifier ? default : targets.Slice(r * outputs, outputs),
                backward ? outputGradient.AsSpan(r * outputs, outputs) : default,
                scale);
        }

        if (backward)
            Backpropagate(trace, outputGradient, computeGradients, inputGradients);
        return Spec.Reduction == Reduction.Mean ? rowLossSum / rows : rowLossSum;
    }

    /// <summary>The backward pass from <c>dL/dA_L</c> down to <c>dL/dA_0</c>.</summary>
    private void Backpropagate(ReferenceTrace trace, double[] outputGradient, bool computeGradients, Span<double> inputGradients)
    {
        int rows = trace.Rows;
        double[] dA = outputGradient; // dL/dA_l, starting at l = L
        for (int l = Spec.Layers.Count - 1; l >= 0; l--)
        {
            LayerSpec layer = Spec.Layers[l];
            int n = layer.Inputs, k = layer.Units;
            double[] z = trace.PreActivations[l];
            double[] previous = trace.Activations[l];

            // D_l = dL/dA_l o sigma'(Z_l).
            double[] d = new double[rows * k];
            for (int e = 0; e < d.Length; e++)
                d[e] = dA[e] * ReferenceActivation.Derivative(layer.Activation, z[e], layer.NegativeSlope);

            if (computeGradients)
            {
                // grad W_l[i, j] = sum_r A_{l-1}[r, i] D_l[r, j]   (A_{l-1}^T D_l).
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < k; j++)
                    {
                        double sum = 0;
                        for (int r = 0; r < rows; r++)
                            sum += previous[r * n + i] * d[r * k + j];
                        _gradients[layer.WeightOffset + i * k + j] = sum;
                    }
                }

                // grad b_l[j] = sum_r D_l[r, j]   (the column sums of D_l).
                if (layer.HasBias)
                {
                    for (int j = 0; j < k; j++)
                    {
                        double sum = 0;
                        for (int r = 0; r < rows; r++)
                            sum += d[r * k + j];
                        _gradients[layer.BiasOffset + j] = sum;
                    }
                }
            }

            if (l == 0 && inputGradients.IsEmpty)
                break;

            // dL/dA_{l-1}[r, i] = sum_j D_l[r, j] W_l[i, j]   (D_l W_l^T).
            double[] dPrevious = new double[rows * n];
            for (int r = 0; r < rows; r++)
            {
                for (int i = 0; i < n; i++)
                {
                    double sum = 0;
                    for (int j = 0; j < k; j++)
                        sum += d[r * k + j] * _parameters[layer.WeightOffset + i * k + j];
                    dPrevious[r * n + i] = sum;
                }
            }

            dA = dPrevious;
        }

        // dL/dA_0 is the input gradient.
        if (!inputGradients.IsEmpty)
            dA.CopyTo(inputGradients);
    }

    /// <summary>P -= lr * G, in place.</summary>
    private void Step(double learningRate)
    {
        for (int i = 0; i < _parameters.Length; i++)
            _parameters[i] -= learningRate * _gradients[i];
    }

    private EpochResult RunEpoch<TInput, TTarget>(
        ReadOnlySpan<TInput> inputs,
        ReadOnlySpan<int> labels,
        ReadOnlySpan<TTarget> targets,
        int count,
        double learningRate,
        int batchSize)
        where TInput : unmanaged, INumberBase<TInput>
        where TTarget : unmanaged, INumberBase<TTarget>
    {
        int inputSize = Spec.InputSize, outputSize = Spec.OutputSize;
        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < count; start += batchSize)
        {
            // The last batch may be partial; it is reduced over its own size.
            int rows = Math.Min(batchSize, count - start);
            double[] x = Widen(inputs.Slice(start * inputSize, rows * inputSize));
            ReadOnlySpan<int> y = Spec.IsClassifier ? labels.Slice(start, rows) : default;
            double[] t = Spec.IsClassifier ? [] : Widen(targets.Slice(start * outputSize, rows * outputSize));

            // The loss and gradient at the current parameters, then the step.
            RunBatch(x, y, t, rows, computeGradients: true, default, out double rowLossSum);
            Step(learningRate);
            lossSum += rowLossSum;
            batches++;
        }

        return new EpochResult(count == 0 ? double.NaN : lossSum / count, count, batches);
    }

    private Evaluation RunEvaluation<TInput, TTarget>(ReadOnlySpan<TInput> inputs, ReadOnlySpan<int> labels, ReadOnlySpan<TTarget> targets, int count)
        where TInput : unmanaged, INumberBase<TInput>
        where TTarget : unmanaged, INumberBase<TTarget>
    {
        int inputSize = Spec.InputSize, outputSize = Spec.OutputSize;
        double lossSum = 0;
        int errors = 0;
        for (int start = 0; start < count; start += Spec.MaxBatch)
        {
            int rows = Math.Min(Spec.MaxBatch, count - start);
            ReferenceTrace trace = RunForward(Widen(inputs.Slice(start * inputSize, rows * inputSize)), rows);
            double[] t = Spec.IsClassifier ? [] : Widen(targets.Slice(start * outputSize, rows * outputSize));
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<double> output = trace.Output.AsSpan(r * outputSize, outputSize);
                int label = Spec.IsClassifier ? labels[start + r] : -1;
                lossSum += ReferenceLoss.Row(Spec.Loss, output, label, Spec.IsClassifier ? default : t.AsSpan(r * outputSize, outputSize), default, 1.0);
                if (Spec.IsClassifier && ArgMax(output) != label)
                    errors++;
            }
        }

        double meanLoss = count == 0 ? double.NaN : lossSum / count;
        double errorRate = Spec.IsClassifier && count > 0 ? (double)errors / count : double.NaN;
        return new Evaluation(meanLoss, errorRate, count, errors);
    }

    private void RunPredict<TInput>(ReadOnlySpan<TInput> inputs, Span<int> classes, Span<double> values, bool wantClasses, int count)
        where TInput : unmanaged, INumberBase<TInput>
    {
        if (wantClasses && !Spec.IsClassifier)
            throw new InvalidOperationException($"This network's loss is {Spec.Loss}: it predicts real-valued outputs (row-major [count x OutputSize] into a Span<double>), not class indices.");
        if (!wantClasses && Spec.IsClassifier)
            throw new InvalidOperationException("This network's loss is SoftmaxCrossEntropy: it predicts class indices (into a Span<int>); use Forward for its logits.");
        NetworkGuard.Count(count);
        NetworkGuard.Length(inputs.Length, count, Spec.InputSize, "inputs", CountRows, InputWidth);
        if (wantClasses)
            NetworkGuard.Length(classes.Length, count, 1, "predictions", CountRows, "1 class");
        else
            NetworkGuard.Length(values.Length, count, Spec.OutputSize, "predictions", CountRows, OutputWidth);

        int inputSize = Spec.InputSize, outputSize = Spec.OutputSize;
        for (int start = 0; start < count; start += Spec.MaxBatch)
        {
            int rows = Math.Min(Spec.MaxBatch, count - start);
            ReferenceTrace trace = RunForward(Widen(inputs.Slice(start * inputSize, rows * inputSize)), rows);
            if (!wantClasses)
            {
                trace.Output.CopyTo(values.Slice(start * outputSize, rows * outputSize));
                continue;
            }

            for (int r = 0; r < rows; r++)
                classes[start + r] = ArgMax(trace.Output.AsSpan(r * outputSize, outputSize));
        }
    }

    private static int ArgMax(ReadOnlySpan<double> row)
    {
        // The lowest index wins ties.
        int best = 0;
        for (int j = 1; j < row.Length; j++)
            if (row[j] > row[best]) best = j;
        return best;
    }

    private void CheckParameterLength(int length, string paramName)
    {
        if (length != Spec.ParameterCount)
            throw new ArgumentException($"The parameter buffer has {length} elements; the network has {Spec.ParameterCount} parameters.", paramName);
    }

    private void CheckEpoch(int count, int batchSize)
    {
        NetworkGuard.Count(count);
        NetworkGuard.BatchSize(batchSize, Spec.MaxBatch);
    }

    private void RequireLabels()
    {
        if (!Spec.IsClassifier)
            throw new InvalidOperationException($"This network's loss is {Spec.Loss}, which needs real-valued targets (row-major [rows x OutputSize], double or float), not class labels.");
    }

    private void RequireValues()
    {
        if (Spec.IsClassifier)
            throw new InvalidOperationException($"This network's loss is {Spec.Loss}, which needs integer class labels (one per row), not real-valued targets.");
    }

    /// <summary>Target kind, row count (a batch size), inputs, labels' length and values.</summary>
    private void CheckLabelData(int inputsLength, ReadOnlySpan<int> labels, int rows, string rowsName)
    {
        RequireLabels();
        if (rowsName == BatchRows)
            NetworkGuard.BatchSize(rows, Spec.MaxBatch);
        NetworkGuard.Length(inputsLength, rows, Spec.InputSize, "inputs", rowsName, InputWidth);
        NetworkGuard.Length(labels.Length, rows, 1, "targets", rowsName, LabelWidth);
        NetworkGuard.Labels(labels, Spec.OutputSize);
    }

    /// <summary>Target kind, row count (a batch size), inputs, targets' length.</summary>
    private void CheckValueData(int inputsLength, int targetsLength, int rows, string rowsName)
    {
        RequireValues();
        if (rowsName == BatchRows)
            NetworkGuard.BatchSize(rows, Spec.MaxBatch);
        NetworkGuard.Length(inputsLength, rows, Spec.InputSize, "inputs", rowsName, InputWidth);
        NetworkGuard.Length(targetsLength, rows, Spec.OutputSize, "targets", rowsName, OutputWidth);
    }

    private static double[] Widen<T>(ReadOnlySpan<T> values)
        where T : unmanaged, INumberBase<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = double.CreateTruncating(values[i]);
        return result;
    }
}
