using System;
using System.Globalization;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Sdk;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// Holds a generated network's whole-data-set entry points to the interpreter: <c>TrainEpoch</c> over two full
/// batches and a partial one (mean loss, counts, parameters), then <c>Evaluate</c> and <c>Predict</c> over more rows
/// than MaxBatch.
/// </summary>
/// <remarks>
/// A classifier's decision can legitimately flip between float and double where the two largest logits are within
/// rounding of each other; such rows (a gap under <see cref="TieGap"/> of the logits' scale) may differ, no others.
/// </remarks>
internal static class DatasetCheck
{
    public const double TieGap = 1e-5;
    private const float LearningRate = 0.05f;

    public static void Run(INetwork network, int seed, ErrorLog log, string? name = null)
    {
        NetworkSpec spec = network.Spec;
        string context = string.Create(CultureInfo.InvariantCulture, $"{name ?? network.GetType().Name} [{spec}], seed {seed}");
        var random = new Random(seed);
        for (int attempt = 1; ; attempt++)
        {
            network.Initialize((ulong)random.Next());
            float[] initial = network.Parameters.ToArray();
            try
            {
                CheckEpoch(network, initial, random, log, context);
                break;
            }
            catch (InconclusiveException) when (attempt < InconclusiveException.Attempts)
            {
                // No fair descent from these parameters: draw others.
            }
        }

        CheckEvaluationAndPrediction(network, random, log, context);
    }

    private static void CheckEpoch(INetwork network, float[] initial, Random random, ErrorLog log, string context)
    {
        NetworkSpec spec = network.Spec;
        int batchSize = Math.Max(1, spec.MaxBatch - 1);
        int count = 2 * batchSize + (batchSize / 2 | 1) % batchSize;
        DescentPlan plan = DescentPlan.Epoch(spec, initial, count, batchSize, LearningRate, random, context);
        var reference = new ReferenceNetwork(spec);
        reference.CopyParametersFrom(initial);
        initial.CopyTo(network.Parameters);

        EpochResult result = Calls.TrainEpoch(network, plan.Data, plan.LearningRate, batchSize);
        EpochResult expected = Calls.TrainEpoch(reference, plan.Data, plan.LearningRate, batchSize);

        // The epoch's mean loss is the sum of the rows' losses over the count: its scale is the batches' scales in
        // per-row units (times the rows for a mean reduction), over the count.
        double scale = 0;
        for (int b = 0; b < plan.Batches.Length; b++)
            scale += plan.LossScales[b] * (spec.Reduction == Reduction.Mean ? plan.Batches[b].Rows : 1);
        scale /= count;

        if (result.Count != expected.Count || result.Batches != expected.Batches || result.Batches != (count + batchSize - 1) / batchSize)
            throw new XunitException($"{context}: epoch of {count} rows in batches of {batchSize} reported {result}, expected {expected}.");
        Check(log, context, "epoch mean loss", Math.Abs(result.MeanLoss - expected.MeanLoss) / Math.Max(scale, RelativeError.Tiny), Tolerances.Loss);
        Check(log, context, "epoch params", RelativeError.Of(network.Parameters, reference.Parameters), Tolerances.Parameters);
    }

    private static void CheckEvaluationAndPrediction(INetwork network, Random random, ErrorLog log, string context)
    {
        NetworkSpec spec = network.Spec;
        var reference = new ReferenceNetwork(spec);
        reference.CopyParametersFrom(network.Parameters);
        Batch data = Batch.Draw(spec, 2 * spec.MaxBatch + 3, random);

        Evaluation result = Calls.Evaluate(network, data);
        Evaluation expected = Calls.Evaluate(reference, data);
        double scale = 0;
        for (int start = 0; start < data.Rows; start += spec.MaxBatch)
        {
            Batch chunk = data.Slice(spec, start, Math.Min(spec.MaxBatch, data.Rows - start));
            scale += LossScale.Of(reference, chunk) * (spec.Reduction == Reduction.Mean ? chunk.Rows : 1);
        }

        if (result.Count != data.Rows)
            throw new XunitException($"{context}: Evaluate counted {result.Count} rows of {data.Rows}.");
        Check(log, context, "evaluation mean loss", Math.Abs(result.MeanLoss - expected.MeanLoss) / Math.Max(scale / data.Rows, RelativeError.Tiny), Tolerances.Loss);

        if (!spec.IsClassifier)
        {
            if (!double.IsNaN(result.ErrorRate) || result.Errors != 0)
                throw new XunitException($"{context}: a regressor reported an error rate {result.ErrorRate} and {result.Errors} errors.");
            float[] values = new float[data.Rows * spec.OutputSize];
            double[] expectedValues = new double[values.Length];
            ((IRegressor)network).Predict(data.Inputs, values, data.Rows);
            reference.Predict(data.Inputs, expectedValues, data.Rows);
            Check(log, context, "predictions", RelativeError.Of(values, expectedValues), Tolerances.Outputs);
            return;
        }

        int[] classes = new int[data.Rows];
        int[] expectedClasses = new int[data.Rows];
        ((IClassifier)network).Predict(data.Inputs, classes, data.Rows);
        reference.Predict(data.Inputs, expectedClasses, data.Rows);
        int ties = 0;
        for (int b = 0; b < data.Rows; b++)
        {
            bool tie = IsTie(reference, data.Slice(spec, b, 1));
            ties += tie ? 1 : 0;
            if (!tie && classes[b] != expectedClasses[b])
                throw new XunitException($"{context}: Predict gave class {classes[b]} for row {b}, the interpreter {expectedClasses[b]}.");
        }

        if (Math.Abs(result.Errors - expected.Errors) > ties || result.ErrorRate != (double)result.Errors / data.Rows)
            throw new XunitException($"{context}: Evaluate counted {result.Errors} errors (rate {result.ErrorRate}), the interpreter {expected.Errors}, with {ties} near-ties.");
    }

    /// <summary>Whether the row's two largest logits are within rounding of each other.</summary>
    private static bool IsTie(ReferenceNetwork reference, Batch row)
    {
        double[] logits = new double[reference.Spec.OutputSize];
        reference.Forward(row.Inputs, logits, 1);
        double first = double.NegativeInfinity, second = double.NegativeInfinity, size = 1;
        foreach (double z in logits)
        {
            size = Math.Max(size, Math.Abs(z));
            if (z > first)
                (first, second) = (z, first);
            else if (z > second)
                second = z;
        }

        return first - second < TieGap * size;
    }

    private static void Check(ErrorLog log, string context, string quantity, double error, double tolerance)
    {
        log.Record(quantity, error, tolerance);
        if (!(error <= tolerance))
            throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"{context}: {quantity} relative error {error:E3} > {tolerance:E1}."));
    }
}
