using System;
using System.Globalization;
using NetGen.Reference;
using NetGen.Specification;
using Xunit.Sdk;

namespace NetGen.IntegrationTests.Verification;

/// <summary>
/// Holds a generated network's <c>HessianVectorProduct</c> to the interpreter's (the R-operator in double) on one
/// batch: <c>H v</c> layer by layer, the returned loss, the symmetry <c>u . (H v) = v . (H u)</c>, the in-place call
/// (<c>result</c> = <c>v</c>) and that <c>Parameters</c> and <c>Gradients</c> are left alone. Works through
/// <see cref="INetwork"/>, so declared and in-process compiled networks are checked alike.
/// </summary>
internal sealed class HessianCheck
{
    private readonly INetwork _network;
    private readonly ReferenceNetwork _reference;
    private readonly NetworkSpec _spec;
    private readonly ErrorLog _log;
    private readonly string _context;
    private readonly Random _random;

    public HessianCheck(INetwork network, int batchSize, int seed, ErrorLog log, string? name = null)
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

    public void Run()
    {
        _network.Initialize((ulong)_random.Next());
        // A zero-initialized layer has an all-zero Hessian block on some terms; nudge every parameter so no block is trivially 0.
        Span<float> parameters = _network.Parameters;
        for (int i = 0; i < parameters.Length; i++)
            parameters[i] += (float)(0.05 * Gaussian());
        _reference.CopyParametersFrom(_network.Parameters);
        Batch batch = DrawBatch();

        float[] v = GaussianVector(), u = GaussianVector();
        float[] gradientsBefore = _network.Gradients.ToArray();
        float[] parametersBefore = _network.Parameters.ToArray();

        float[] hv = new float[_spec.ParameterCount];
        float loss = Product(_network, batch, v, hv);
        double[] expected = new double[hv.Length];
        double expectedLoss = Product(_reference, batch, v, expected);

        foreach (LayerSpec layer in _spec.Layers)
        {
            Compare(
                "H v",
                hv.AsSpan(layer.WeightOffset, layer.ParameterCount),
                expected.AsSpan(layer.WeightOffset, layer.ParameterCount),
                HessianTolerances.Products,
                "layer " + (layer.Index + 1).ToString(CultureInfo.InvariantCulture));
        }

        Check("loss (HVP)", Math.Abs(loss - expectedLoss) / Math.Max(LossScale.Of(_reference, batch), RelativeError.Tiny), Tolerances.Loss);
        if (!_network.Parameters.SequenceEqual(parametersBefore) || !_network.Gradients.SequenceEqual(gradientsBefore))
            throw new XunitException($"{_context}: HessianVectorProduct changed Parameters or Gradients.");

        // Symmetry of the generated product: |u . Hv - v . Hu| against the Cauchy-Schwarz bound ||u|| ||Hv||.
        float[] hu = new float[_spec.ParameterCount];
        Product(_network, batch, u, hu);
        double uHv = Dot(u, hv), vHu = Dot(v, hu);
        double bound = Math.Sqrt(Dot(u, u) * Dot(hv, hv));
        Check("symmetry", Math.Abs(uHv - vHu) / Math.Max(bound, RelativeError.Tiny), HessianTolerances.Symmetry);

        // In place: result is v itself, and the answer is the same to the bit.
        float[] inPlace = (float[])v.Clone();
        Product(_network, batch, inPlace, inPlace);
        if (!inPlace.AsSpan().SequenceEqual(hv))
            throw new XunitException($"{_context}: HessianVectorProduct with result = v differs from a separate result buffer.");
    }

    public static float Product(INetwork network, Batch batch, ReadOnlySpan<float> v, Span<float> result) => network.Spec.IsClassifier
        ? ((INetwork<int>)network).HessianVectorProduct(batch.Inputs, batch.Labels, batch.Rows, v, result)
        : ((INetwork<float>)network).HessianVectorProduct(batch.Inputs, batch.Targets, batch.Rows, v, result);

    public static double Product(ReferenceNetwork reference, Batch batch, ReadOnlySpan<float> v, Span<double> result)
    {
        double[] wide = new double[v.Length];
        for (int i = 0; i < v.Length; i++)
            wide[i] = v[i];
        return reference.Spec.IsClassifier
            ? reference.HessianVectorProduct(batch.Inputs, batch.Labels, batch.Rows, wide, result)
            : reference.HessianVectorProduct(batch.Inputs, batch.Targets, batch.Rows, wide, result);
    }

    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (double)a[i] * b[i];
        return sum;
    }

    private float[] GaussianVector()
    {
        float[] values = new float[_spec.ParameterCount];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)Gaussian();
        return values;
    }

    private double Gaussian()
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1].
        double u1 = 1 - _random.NextDouble(), u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private Batch DrawBatch()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            Batch batch = Batch.Draw(_spec, BatchSize, _random);
            if (KinkMargin.Of(_reference, batch) >= Tolerances.KinkMargin)
                return batch;
        }

        throw new XunitException($"{_context}: no batch keeps its ReLU pre-activations {Tolerances.KinkMargin} away from 0.");
    }

    private void Compare(string quantity, ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double tolerance, string where) =>
        Check(quantity, RelativeError.Of(actual, expected), tolerance, where);

    private void Check(string quantity, double error, double tolerance, string? where = null)
    {
        _log.Record(quantity, error, tolerance);
        if (!(error <= tolerance))
            throw new XunitException(string.Create(CultureInfo.InvariantCulture, $"{_context}: {quantity}{(where is null ? string.Empty : " at " + where)} relative error {error:E3} > {tolerance:E1}."));
    }
}
