using System;
using System.Numerics;

namespace NetGen.Samples.CartPole;

/// <summary>
/// Adam (Kingma and Ba, 2015) over a network's <c>Parameters</c> and <c>Gradients</c>, in place and without
/// allocating after construction, with PyTorch's <c>torch.optim.Adam</c> arithmetic (no weight decay, no AMSGrad):
/// <c>m = b1 m + (1 - b1) g</c>, <c>v = b2 v + (1 - b2) g^2</c>,
/// <c>p -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)</c>.
/// </summary>
/// <remarks>
/// NetGen has no generated optimizer yet (issue 15 adds one, with its state in the trainer); this sample-local class
/// stands in for it until then and is to be replaced by it.
/// </remarks>
public sealed class Adam
{
    private readonly float[] _m;
    private readonly float[] _v;
    private readonly float _learningRate, _beta1, _beta2, _epsilon;
    private int _step;

    /// <summary>Creates the optimizer state (zeros) for <paramref name="parameterCount"/> parameters.</summary>
    public Adam(int parameterCount, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        _m = new float[parameterCount];
        _v = new float[parameterCount];
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
    }

    /// <summary>One step: updates the moments from <paramref name="gradients"/> and moves <paramref name="parameters"/>.</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != _m.Length || gradients.Length != _m.Length)
            throw new ArgumentException($"Adam was made for {_m.Length} parameters; got {parameters.Length} parameters and {gradients.Length} gradients.");
        _step++;
        // The bias corrections in double, as PyTorch computes them in Python floats.
        float stepSize = (float)(_learningRate / (1 - Math.Pow(_beta1, _step)));
        float correction2Sqrt = (float)Math.Sqrt(1 - Math.Pow(_beta2, _step));
        float b1 = _beta1, c1 = 1 - _beta1, b2 = _beta2, c2 = 1 - _beta2, eps = _epsilon;

        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vb1 = new Vector<float>(b1);
            var vc1 = new Vector<float>(c1);
            var vb2 = new Vector<float>(b2);
            var vc2 = new Vector<float>(c2);
            var vEps = new Vector<float>(eps);
            var vStep = new Vector<float>(stepSize);
            var vCorrection = new Vector<float>(correction2Sqrt);
            for (; i <= _m.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var g = new Vector<float>(gradients.Slice(i));
                var m = vb1 * new Vector<float>(_m, i) + vc1 * g;
                var v = vb2 * new Vector<float>(_v, i) + vc2 * (g * g);
                m.CopyTo(_m, i);
                v.CopyTo(_v, i);
                var denominator = Vector.SquareRoot(v) / vCorrection + vEps;
                (new Vector<float>(parameters.Slice(i)) - vStep * m / denominator).CopyTo(parameters.Slice(i));
            }
        }

        for (; i < _m.Length; i++)
        {
            float g = gradients[i];
            float m = _m[i] = b1 * _m[i] + c1 * g;
            float v = _v[i] = b2 * _v[i] + c2 * g * g;
            parameters[i] -= stepSize * m / (MathF.Sqrt(v) / correction2Sqrt + eps);
        }
    }
}
