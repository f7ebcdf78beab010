using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Sdk;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// The batches and learning rate of a compared run of SGD steps, planned on the interpreter first: every batch keeps
/// its ReLU pre-activations <see cref="Tolerances.KinkMargin"/> from 0 at the parameters it is taken at (see
/// <see cref="KinkMargin"/>), and the descent is stable. A random network can diverge at a learning rate that suits
/// most others (its loss grows by orders of magnitude and float overflows long before double); that compares nothing,
/// so the rate is cut tenfold until no step's loss exceeds ten times the first (or 10, if that is larger).
/// </summary>
internal sealed class DescentPlan
{
    private const int RateCuts = 4;

    private DescentPlan(float learningRate, Batch data, Batch[] batches, double[] lossScales)
    {
        LearningRate = learningRate;
        Data = data;
        Batches = batches;
        LossScales = lossScales;
    }

    public float LearningRate { get; }

    /// <summary>All the rows, in order (an epoch's data set).</summary>
    public Batch Data { get; }

    /// <summary>The batches in step order.</summary>
    public Batch[] Batches { get; }

    /// <summary>Each step's <see cref="LossScale"/>, at the parameters the step starts from.</summary>
    public double[] LossScales { get; }

    /// <summary>Independent random batches of <paramref name="batchSize"/> rows, one per step.</summary>
    public static DescentPlan Steps(NetworkSpec spec, float[] initial, int batchSize, int steps, float learningRate, Random random, string context)
    {
        for (int cut = 0; cut < RateCuts; cut++, learningRate /= 10)
        {
            var walk = new Walk(spec, initial, learningRate);
            var batches = new Batch[steps];
            for (int step = 0; step < steps; step++)
            {
                batches[step] = DrawClear(walk.Reference, batchSize, random, context);
                walk.Step(batches[step]);
            }

            if (walk.Stable)
                return new DescentPlan(learningRate, Batch.Concatenate(spec, batches), batches, walk.Scales.ToArray());
        }

        throw Diverges(context, learningRate);
    }

    /// <summary>One data set of <paramref name="count"/> rows cut in order into batches of <paramref name="batchSize"/>, the last partial.</summary>
    public static DescentPlan Epoch(NetworkSpec spec, float[] initial, int count, int batchSize, float learningRate, Random random, string context)
    {
        for (int cut = 0; cut < RateCuts; cut++, learningRate /= 10)
        {
            for (int draw = 0; draw < 50; draw++)
            {
                Batch data = Batch.Draw(spec, count, random);
                var batches = new List<Batch>();
                for (int start = 0; start < count; start += batchSize)
                    batches.Add(data.Slice(spec, start, Math.Min(batchSize, count - start)));

                var walk = new Walk(spec, initial, learningRate);
                bool clear = true;
                foreach (Batch batch in batches)
                {
                    clear = KinkMargin.Of(walk.Reference, batch) >= Tolerances.KinkMargin;
                    if (!clear)
                        break;
                    walk.Step(batch);
                }

                if (!clear)
                    continue;
                if (walk.Stable)
                    return new DescentPlan(learningRate, data, batches.ToArray(), walk.Scales.ToArray());
                break;
            }
        }

        throw Diverges(context, learningRate);
    }

    private static Batch DrawClear(ReferenceNetwork reference, int batchSize, Random random, string context)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            Batch batch = Batch.Draw(reference.Spec, batchSize, random);
            if (KinkMargin.Of(reference, batch) >= Tolerances.KinkMargin)
                return batch;
        }

        throw new XunitException($"{context}: no batch keeps its ReLU pre-activations {Tolerances.KinkMargin} from 0.");
    }

    private static XunitException Diverges(string context, float learningRate) =>
        new($"{context}: SGD diverges even at learning rate {learningRate * 10}, or no data keeps clear of the ReLU kink.");

    /// <summary>The interpreter stepping along a planned path, recording each step's loss scale and loss.</summary>
    private sealed class Walk
    {
        private readonly float _learningRate;
        private double _firstLoss = double.NaN, _worstLoss;

        public Walk(NetworkSpec spec, float[] initial, float learningRate)
        {
            _learningRate = learningRate;
            Reference = new ReferenceNetwork(spec);
            Reference.CopyParametersFrom(initial);
        }

        public ReferenceNetwork Reference { get; }

        public List<double> Scales { get; } = new();

        public bool Stable => _worstLoss <= 10 * Math.Max(_firstLoss, 1);

        public void Step(Batch batch)
        {
            Scales.Add(LossScale.Of(Reference, batch));
            double loss = Calls.TrainBatch(Reference, batch, _learningRate);
            if (double.IsNaN(_firstLoss))
                _firstLoss = loss;
            _worstLoss = double.IsFinite(loss) ? Math.Max(_worstLoss, loss) : double.PositiveInfinity;
        }
    }
}
