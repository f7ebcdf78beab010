using System;
using System.Globalization;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Sdk;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// Holds a generated network to the reference interpreter on one batch size: outputs, loss, every gradient, the
/// input gradient, and the parameters after five SGD steps taken both as <c>Backward</c> + <c>ApplySgd</c> and as
/// <c>TrainBatch</c>, all from the same initial parameters. Works through the <see cref="INetwork"/> interfaces, so
/// declared networks and networks compiled inside a test are checked alike.
/// </summary>
internal sealed class ReferenceCheck
{
    /// <summary>The number of SGD steps compared.</summary>
    public const int Steps = 5;

    private readonly INetwork _network;
    private readonly ReferenceNetwork _reference;
    private readonly NetworkSpec _spec;
    private readonly ErrorLog _log;
    private readonly string _context;
    private readonly Random _random;

    public ReferenceCheck(INetwork network, int batchSize, int seed, ErrorLog log, string? name = null)
    {
        _network = network;
        _spec = network.Spec;
        _reference = new ReferenceNetwork(_spec);
        BatchSize = batchSize;
        _log = log;
        _random = new Random(seed);
        _context = string.Create(CultureInfo.InvariantCulture, $"{name ?? network.GetType().Name} [{_spec}], batch {batchSize}, seed {seed}");
    }

    public int BatchSize { get; }

    /// <summary>
    /// The learning rate the compared steps start from: large enough to move the parameters visibly in five steps
    /// (<see cref="DescentPlan"/> cuts it for a network that would diverge).
    /// </summary>
    public float LearningRate => _spec.Reduction == Reduction.Mean ? 0.1f : 0.1f / BatchSize;

    /// <summary>Runs every comparison, from new initial parameters when the ones drawn give no fair comparison.</summary>
    public void Run()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                RunOnce();
                return;
            }
            catch (InconclusiveException) when (attempt < InconclusiveException.Attempts)
            {
            }
        }
    }

    private void RunOnce()
    {
        _network.Initialize((ulong)_random.Next());
        float[] initial = _network.Parameters.ToArray();
        _reference.CopyParametersFrom(initial);

        CheckForwardAndBackward();
        DescentPlan plan = DescentPlan.Steps(_spec, initial, BatchSize, Steps, LearningRate, _random, _context);
        CheckSgdSteps(initial, plan, fused: false);
        CheckSgdSteps(initial, plan, fused: true);
    }

    private void CheckForwardAndBackward()
    {
        Batch batch = DrawBatch(gradientsStable: true);
        int m = batch.Rows;

        float[] outputs = new float[m * _spec.OutputSize];
        double[] expectedOutputs = new double[outputs.Length];
        _network.Forward(batch.Inputs, outputs, m);
        _reference.Forward(batch.Inputs, expectedOutputs, m);
        Compare("outputs", outputs, expectedOutputs, Tolerances.Outputs);

        double scale = LossScale.Of(_reference, batch);
        float loss = Calls.Backward(_network, batch);
        double expectedLoss = Calls.Backward(_reference, batch);
        CompareLoss("loss", loss, expectedLoss, scale);
        CompareGradients();

        float[] inputGradients = new float[m * _spec.InputSize];
        double[] expectedInputGradients = new double[inputGradients.Length];
        _network.Gradients.Clear();
        loss = Calls.InputGradient(_network, batch, inputGradients);
        expectedLoss = Calls.InputGradient(_reference, batch, expectedInputGradients);
        CompareLoss("loss", loss, expectedLoss, scale);
        Compare("input gradient", inputGradients, expectedInputGradients, Tolerances.Gradients);
        CompareGradients();

        if (_spec.IsClassifier)
            CheckByteLabels(batch, loss);
    }

    /// <summary>The byte-label overloads take the same path as the int ones: bit-identical results.</summary>
    private void CheckByteLabels(Batch batch, float intLoss)
    {
        float[] intGradients = _network.Gradients.ToArray();
        float byteLoss = ((INetwork<byte>)_network).Backward(batch.Inputs, batch.ByteLabels, batch.Rows);
        if (byteLoss != intLoss || !_network.Gradients.SequenceEqual(intGradients))
            throw new XunitException($"{_context}: Backward with byte labels differs from int labels.");
    }

    private void CheckSgdSteps(float[] initial, DescentPlan plan, bool fused)
    {
        initial.CopyTo(_network.Parameters);
        _reference.CopyParametersFrom(initial);
        string quantity = fused ? "params (TrainBatch)" : "params (ApplySgd)";
        float learningRate = plan.LearningRate;
        for (int step = 0; step < plan.Batches.Length; step++)
        {
            Batch batch = plan.Batches[step];
            if (fused)
            {
                float loss = Calls.TrainBatch(_network, batch, learningRate);
                double expected = Calls.TrainBatch(_reference, batch, learningRate);
                CompareLoss("loss (TrainBatch)", loss, expected, plan.LossScales[step]);
            }
            else
            {
                float loss = Calls.Backward(_network, batch);
                double expected = Calls.Backward(_reference, batch);
                CompareLoss("loss", loss, expected, plan.LossScales[step]);
                _network.ApplySgd(learningRate);
                _reference.ApplySgd(learningRate);
            }
        }

        Compare(quantity, _network.Parameters, _reference.Parameters, Tolerances.Parameters);

        // The parameters are mostly their initial values; hold the change the steps made to the same tolerance. Float
        // storage rounds every parameter by up to half an ulp per step, so a change below 1% of the parameters is
        // measured against 1% of the parameters (rounding alone would otherwise make a tiny change look wrong).
        double difference = 0, change = 0, size = 0;
        for (int i = 0; i < initial.Length; i++)
        {
            double actual = _network.Parameters[i] - (double)initial[i];
            double expected = _reference.Parameters[i] - initial[i];
            difference += (actual - expected) * (actual - expected);
            change += expected * expected;
            size += _reference.Parameters[i] * _reference.Parameters[i];
        }

        double error = Math.Sqrt(difference) / Math.Max(Math.Max(Math.Sqrt(change), 1e-2 * Math.Sqrt(size)), RelativeError.Tiny);
        Check(fused ? "steps (TrainBatch)" : "steps (ApplySgd)", error, Tolerances.Parameters);
    }

    private void CompareGradients()
    {
        foreach (LayerSpec layer in _spec.Layers)
        {
            Compare(
                "gradient " + layer.WeightName,
                _network.Gradients.Slice(layer.WeightOffset, layer.WeightCount),
                _reference.Gradients.Slice(layer.WeightOffset, layer.WeightCount),
                Tolerances.Gradients);
            if (layer.HasBias)
            {
                Compare(
                    "gradient " + layer.BiasName,
                    _network.Gradients.Slice(layer.BiasOffset, layer.Units),
                    _reference.Gradients.Slice(layer.BiasOffset, layer.Units),
                    Tolerances.Gradients);
            }
        }
    }

    /// <summary>A batch that is a fair comparison at the current parameters (see <see cref="Conditioning"/>).</summary>
    private Batch DrawBatch(bool gradientsStable)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            Batch batch = Batch.Draw(_spec, BatchSize, _random);
            if (Conditioning.IsFair(_reference, batch) && (!gradientsStable || Conditioning.GradientsAreStable(_reference, batch)))
                return batch;
        }

        throw new InconclusiveException($"{_context}: no batch of 100 drawn is clear of the ReLU kink and of cancellation (see Conditioning).");
    }

    private void Compare(string quantity, ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double tolerance) =>
        Check(quantity, RelativeError.Of(actual, expected), tolerance);

    /// <summary>A batch loss, relative to <see cref="LossScale"/> (its magnitude, or its sensitivity to the outputs where it nearly cancels).</summary>
    private void CompareLoss(string quantity, double actual, double expected, double scale)
    {
        if (Environment.GetEnvironmentVariable("NETGEN_TRACE_LOSS") is not null)
            Console.WriteLine($"{_context} {quantity}: {actual} vs {expected} (scale {scale})");
        Check(quantity, Math.Abs(actual - expected) / Math.Max(scale, RelativeError.Tiny), Tolerances.Loss);
    }

    private void Check(string quantity, double error, double tolerance)
    {
        _log.Record(quantity.StartsWith("gradient ", StringComparison.Ordinal) ? "gradients" : quantity, error, tolerance);
        if (!(error <= tolerance))
            throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"{_context}: {quantity} relative error {error:E3} > {tolerance:E1}."));
    }
}
