using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Kernels;

/// <summary>The plain SGD update over whole buffers, as generated networks call it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Sgd
{
    /// <summary>In place: <c>parameters -= learningRate * gradients</c>.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <param name="gradients">The gradients, as long as <paramref name="parameters"/>.</param>
    /// <param name="learningRate">The step size.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Step(Span<float> parameters, ReadOnlySpan<float> gradients, float learningRate)
    {
        if (parameters.Length != gradients.Length)
            throw new ArgumentException("The gradients must be as long as the parameters.", nameof(gradients));

        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        var step = new Vector<float>(-learningRate);
        int k = 0;
        for (; k <= parameters.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            Vector<float> updated = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref g, (nuint)k), step, Vector.LoadUnsafe(ref p, (nuint)k));
            Vector.StoreUnsafe(updated, ref p, (nuint)k);
        }

        for (; k < parameters.Length; k++)
            parameters[k] -= learningRate * gradients[k];
    }
}
