using System;
using NetGen.Initialization;

namespace NetGen.Samples.Sharpness;

/// <summary>
/// The largest eigenvalue of the Hessian of a network's loss on one fixed batch, by power iteration on Hessian-vector
/// products: <c>v &lt;- H v / ||H v||</c> until the Rayleigh quotient <c>v . H v</c> settles. Each step is one
/// <c>HessianVectorProduct</c> (about two backward passes); the Hessian itself (79,400 x 79,400 for hw0) is never formed.
/// </summary>
/// <remarks>
/// Power iteration converges to the eigenvalue of largest magnitude. For a cross-entropy network it is the largest
/// positive one in practice (the negative curvature is far weaker); the sample prints the residual
/// <c>||H v - lambda v|| / |lambda|</c> so a reader can see that the pair is an eigenpair.
/// </remarks>
internal sealed class PowerIteration
{
    private readonly IClassifier _network;
    private readonly float[] _inputs;
    private readonly byte[] _labels;
    private readonly int _rows;
    private readonly float[] _v;
    private readonly float[] _hv;

    public PowerIteration(IClassifier network, float[] inputs, byte[] labels, int rows)
    {
        _network = network;
        _inputs = inputs;
        _labels = labels;
        _rows = rows;
        _v = new float[network.Spec.ParameterCount];
        _hv = new float[network.Spec.ParameterCount];
    }

    /// <summary>The result of one run.</summary>
    public readonly record struct Result(double Eigenvalue, int Iterations, double Residual, double Loss, double MillisecondsPerProduct);

    /// <summary>Runs from a seeded random start until the quotient changes by less than <paramref name="tolerance"/> relative.</summary>
    public Result Run(ulong seed, int maxIterations, double tolerance)
    {
        var random = new DeterministicRandom(seed);
        for (int i = 0; i < _v.Length; i++)
            _v[i] = (float)random.NextGaussian();
        Normalize(_v);

        double lambda = double.NaN, loss = 0;
        int iteration = 0;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (iteration < maxIterations)
        {
            iteration++;
            loss = _network.HessianVectorProduct(_inputs, _labels, _rows, _v, _hv);
            double quotient = Dot(_v, _hv); // v . H v with ||v|| = 1
            bool settled = Math.Abs(quotient - lambda) <= tolerance * Math.Abs(quotient);
            lambda = quotient;
            if (settled)
                break;
            _hv.CopyTo(_v, 0);
            Normalize(_v);
        }

        double milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds / iteration;

        // ||H v - lambda v|| / |lambda| at the last v.
        double residual = 0;
        for (int i = 0; i < _v.Length; i++)
        {
            double r = _hv[i] - lambda * _v[i];
            residual += r * r;
        }

        return new Result(lambda, iteration, Math.Sqrt(residual) / Math.Abs(lambda), loss, milliseconds);
    }

    private static void Normalize(float[] x)
    {
        double norm = Math.Sqrt(Dot(x, x));
        for (int i = 0; i < x.Length; i++)
            x[i] = (float)(x[i] / norm);
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += (double)a[i] * b[i];
        return sum;
    }
}
