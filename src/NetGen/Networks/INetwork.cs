using System;
using NetGen.Specification;

namespace NetGen;

/// <summary>
/// What every generated network offers, whatever its targets: its declaration, its parameter and gradient
/// buffers, seeded initialization, inference and the SGD update. Trainers, evaluation, checkpoints and reports are
/// written once against this interface (and <see cref="INetwork{TTarget}"/> for anything that needs targets).
/// </summary>
public interface INetwork
{
    /// <summary>The declaration as data (the generated class's <c>static Spec</c>).</summary>
    NetworkSpec Spec { get; }

    /// <summary>
    /// All parameters in one contiguous buffer of length <see cref="NetworkSpec.ParameterCount"/>: for each layer
    /// in order, its weights as a row-major <c>[inputs x units]</c> matrix, then its bias if it has one.
    /// </summary>
    Span<float> Parameters { get; }

    /// <summary>The gradient of the last <c>Backward</c> call's loss, in the layout of <see cref="Parameters"/>.</summary>
    Span<float> Gradients { get; }

    /// <summary>Fills <see cref="Parameters"/> from a seed with each layer's initializer; see <see cref="Initialization.ParameterInitializer"/>.</summary>
    /// <param name="seed">The seed; the same seed gives the same parameters on every machine.</param>
    void Initialize(ulong seed);

    /// <summary>Runs the network on a batch.</summary>
    /// <param name="inputs">Row-major <c>[batchSize x InputSize]</c>.</param>
    /// <param name="outputs">Row-major <c>[batchSize x OutputSize]</c>: logits for softmax cross-entropy, the output layer's activations otherwise.</param>
    /// <param name="batchSize">The number of rows, from 1 to <c>MaxBatch</c>.</param>
    /// <exception cref="ArgumentException">A span's length does not match <paramref name="batchSize"/>, or <paramref name="batchSize"/> is out of range.</exception>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int batchSize);

    /// <summary>In place: <c>Parameters -= learningRate * Gradients</c>.</summary>
    /// <param name="learningRate">The step size; finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is NaN or infinite.</exception>
    void ApplySgd(float learningRate);
}
