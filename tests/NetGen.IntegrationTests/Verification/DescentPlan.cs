using System;
using System.Collections.Generic;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Sdk;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// The batches and learning rate of a compared run of SGD steps, planned on the interpreter first: every batch is a
/// fair comparison at the parameters it is taken at (see <see cref="Conditioning"/>), and the descent is stable. A
/// random network can diverge at a learning rate that suits most others (its loss grows by orders of magnitude and
/// float overflows long before double), or follow a path so
/// sensitive that float rounding alone moves it visibly; that compares nothing, so the rate is cut tenfold until no
/// step's loss exceeds ten times the first (or 10, if that is larger) and the path grows a rounding-sized difference
/// in the parameters at most <see cref="MaxAmplification"/> times.
/// </summary>
internal sealed class DescentPlan
{
    private const int RateCuts = 4;

    /// <summary>
    /// How much a path may grow a difference in the parameters. Measured over random networks: a median of 1.00 and a
    /// 90th percentile of 1.03 over five steps; the rare path that grows it 50x or more (a saturated bottleneck under a
    /// large step) carries float and double apart by more than the tolerances, so its rate is cut.
    /// </summary>
    private const double MaxAmplification = 10;

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
                    clear = Conditioning.IsFair(walk.Reference, batch);
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
            if (Conditioning.IsFair(reference, batch))
                return batch;
        }

        throw new InconclusiveException($"{context}: no batch of 100 drawn is clear of the ReLU kink and of cancellation (see Conditioning).");
    }

    private static InconclusiveException Diverges(string context, float learningRate) =>
        new($"{context}: no stable, fair descent down to learning rate {learningRate * 10} (it diverges, amplifies rounding, or finds no data clear of the ReLU kink and of cancellation).");

    /// <summary>
    /// The interpreter stepping along a planned path, recording each step's loss scale and loss, with a shadow that
    /// starts from the parameters perturbed by float rounding (a relative 2^-24, alternating in sign) to measure how
    /// much the path amplifies a difference in the parameters.
    /// </summary>
    private sealed class Walk
    {
        private const double Perturbation = 1.0 / (1 << 24);
        private readonly float _learningRate;
        private readonly ReferenceNetwork _shadow;
        private readonly double _initialDistance;
        private double _firstLoss = double.NaN, _worstLoss;

        public Walk(NetworkSpec spec, float[] initial, float learningRate)
        {
            _learningRate = learningRate;
            Reference = new ReferenceNetwork(spec);
            Reference.CopyParametersFrom(initial);
            _shadow = new ReferenceNetwork(spec);
            Span<double> shadow = _shadow.Parameters;
            for (int i = 0; i < initial.Length; i++)
                shadow[i] = initial[i] * (1 + (i % 2 == 0 ? Perturbation : -Perturbation));
            _initialDistance = Distance();
        }

        public ReferenceNetwork Reference { get; }

        public List<double> Scales { get; } = new();

        /// <summary>How much the path has grown the initial difference between the walk and its shadow.</summary>
        public double Amplification => _initialDistance == 0 ? 1 : Distance() / _initialDistance;

        public bool Stable => _worstLoss <= 10 * Math.Max(_firstLoss, 1) && Amplification <= MaxAmplification;

        public void Step(Batch batch)
        {
            Scales.Add(LossScale.Of(Reference, batch));
            double loss = Calls.TrainBatch(Reference, batch, _learningRate);
            Calls.TrainBatch(_shadow, batch, _learningRate);
            if (double.IsNaN(_firstLoss))
                _firstLoss = loss;
            _worstLoss = double.IsFinite(loss) ? Math.Max(_worstLoss, loss) : double.PositiveInfinity;
        }

        private double Distance()
        {
            ReadOnlySpan<double> a = Reference.Parameters, b = _shadow.Parameters;
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
                sum += (a[i] - b[i]) * (a[i] - b[i]);
            return double.IsFinite(sum) ? Math.Sqrt(sum) : double.PositiveInfinity;
        }
    }
}
