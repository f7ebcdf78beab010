using System;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using NetGen.Specification;

namespace NetGen.Distributed;

/// <summary>
/// Data-parallel minibatch SGD for any generated network: every rank holds the same parameters, computes the
/// gradient of its contiguous share of each global batch, one in-place allreduce sums the shares into the global
/// batch's gradient, and every rank applies the same step. Epochs have the semantics of the network's own
/// <c>TrainEpoch</c> (rows in order, the last partial batch reduced over its own size).
/// </summary>
/// <remarks>
/// <para>Every rank passes the whole data set (each reads only its shares) and the same arguments. Each rank's
/// <c>Backward</c> reduces over its own share; for a network with <see cref="Reduction.Mean"/> its gradient is scaled
/// by <c>share / batch</c> so that the sum over ranks is the mean over the global batch (a rank with an empty share, in a
/// batch with fewer rows than ranks, contributes zeros); with <see cref="Reduction.Sum"/> the shares add up as they are.</para>
/// <para>The parameters are the same bits on every rank after every step: the allreduce gives every rank the same sum
/// (Open MPI's reduction algorithms do; the MPI standard advises it) and <c>ApplySgd</c> is the same arithmetic on the same
/// numbers. They are not the bits of a single-process epoch: the global gradient is summed share by share and then
/// across ranks, in another order than one process's row-order sum, and float addition is not associative; the
/// difference is of the order of float rounding per step.</para>
/// <para>An exception on one rank between two collectives (a bad label in its share, a failing network) would leave the
/// other ranks waiting in the allreduce forever, so the trainer prints it with the rank and aborts the job.</para>
/// <para>Nothing is allocated per step or per epoch after construction, except by the first shuffled epoch (its
/// permutation and share buffers, reused after).</para>
/// </remarks>
/// <typeparam name="TTarget">The network's target type: <see cref="byte"/> or <see cref="int"/> labels, <see cref="float"/> vectors.</typeparam>
public sealed class DataParallelTrainer<TTarget>
    where TTarget : unmanaged
{
    private readonly INetwork<TTarget> _network;
    private readonly MpiCommunicator _world;
    private readonly int _targetWidth;
    private readonly bool _meanReduction;
    private readonly double[] _sums = new double[2];
    private readonly long[] _fingerprintLow = new long[1];
    private readonly long[] _fingerprintHigh = new long[1];
    private long _allreduceTicks;
    private int[] _order = Array.Empty<int>();
    private float[] _shareInputs = Array.Empty<float>();
    private TTarget[] _shareTargets = Array.Empty<TTarget>();

    /// <summary>Creates the trainer; call <see cref="BroadcastParameters"/> before the first epoch.</summary>
    /// <param name="network">This rank's replica of the network.</param>
    /// <param name="world">The communicator of the job.</param>
    public DataParallelTrainer(INetwork<TTarget> network, MpiCommunicator world)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(world);
        _network = network;
        _world = world;
        _targetWidth = network.Spec.IsClassifier ? 1 : network.Spec.OutputSize;
        _meanReduction = network.Spec.Reduction == Reduction.Mean;
    }

    /// <summary>This rank's replica of the network.</summary>
    public INetwork<TTarget> Network => _network;

    /// <summary>The communicator of the job.</summary>
    public MpiCommunicator World => _world;

    /// <summary>
    /// When true, every step ends with a check that all ranks hold bit-identical parameters (a fingerprint and two
    /// allreduces of one number); a difference throws <see cref="InvalidOperationException"/> on every rank.
    /// </summary>
    public bool VerifyReplicasEveryStep { get; set; }

    /// <summary>The number of steps taken so far by this trainer.</summary>
    public long Steps { get; private set; }

    /// <summary>The number of steps after which <see cref="VerifyReplicasEveryStep"/> confirmed identical parameters.</summary>
    public long VerifiedSteps { get; private set; }

    /// <summary>The wall-clock time this rank spent in the gradients' allreduce (waiting for slower ranks included).</summary>
    public TimeSpan AllreduceTime => Stopwatch.GetElapsedTime(0, _allreduceTicks);

    /// <summary>Copies rank 0's parameters to every rank, so that all replicas start from the same point.</summary>
    public void BroadcastParameters() => _world.Broadcast(_network.Parameters, 0);

    /// <summary>
    /// One epoch of data-parallel minibatch SGD over all ranks: global batches of <paramref name="batchSize"/> rows in
    /// order, each split into contiguous shares by rank; the same result as the network's <c>TrainEpoch</c> up to the
    /// order of the gradient sums.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>, the whole data set, the same on every rank.</param>
    /// <param name="targets">One label per row, or row-major <c>[count x OutputSize]</c>, the same on every rank.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <param name="batchSize">The rows per global step, from 1 to <c>MaxBatch</c> (each rank's share is at most this).</param>
    /// <returns>The mean per-row loss over all ranks' rows (each taken before its step), the count and the number of steps.</returns>
    /// <exception cref="ArgumentException">A length does not match, or the batch size or learning rate is out of range (on every rank alike).</exception>
    public EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count, float learningRate, int batchSize) =>
        Train(inputs, targets, count, learningRate, batchSize, shuffled: false, shuffleSeed: 0);

    /// <summary>
    /// One epoch as <see cref="TrainEpoch(ReadOnlySpan{float}, ReadOnlySpan{TTarget}, int, float, int)"/>, visiting the
    /// rows in the order <see cref="EpochOrder.Shuffle"/> draws from <paramref name="shuffleSeed"/>: every rank draws the
    /// same permutation, and each copies its share of each global batch into a buffer of its own (allocated on the first
    /// call, as is the permutation for a larger <paramref name="count"/>).
    /// </summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>, the whole data set, the same on every rank.</param>
    /// <param name="targets">One label per row, or row-major <c>[count x OutputSize]</c>, the same on every rank.</param>
    /// <param name="count">The number of rows.</param>
    /// <param name="learningRate">The step size; finite.</param>
    /// <param name="batchSize">The rows per global step, from 1 to <c>MaxBatch</c>.</param>
    /// <param name="shuffleSeed">The seed of this epoch's order; the same on every rank, a different one per epoch.</param>
    /// <returns>The mean per-row loss over all ranks' rows (each taken before its step), the count and the number of steps.</returns>
    /// <exception cref="ArgumentException">A length does not match, or the batch size or learning rate is out of range (on every rank alike).</exception>
    public EpochResult TrainEpoch(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count, float learningRate, int batchSize, ulong shuffleSeed) =>
        Train(inputs, targets, count, learningRate, batchSize, shuffled: true, shuffleSeed);

    private EpochResult Train(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count, float learningRate, int batchSize, bool shuffled, ulong shuffleSeed)
    {
        NetworkSpec spec = _network.Spec;
        NetworkGuard.Count(count);
        NetworkGuard.BatchSize(batchSize, spec.MaxBatch);
        NetworkGuard.Length(inputs.Length, count, spec.InputSize, "inputs", "count", "InputSize");
        NetworkGuard.Length(targets.Length, count, _targetWidth, "targets", "count", _targetWidth == 1 ? "1 label" : "OutputSize");
        NetworkGuard.LearningRate(learningRate);
        if (shuffled)
            PrepareOrder(count, shuffleSeed);

        double lossSum = 0;
        int batches = 0;
        for (int start = 0; start < count; start += batchSize, batches++)
        {
            int rows = Math.Min(batchSize, count - start);
            BatchShare share = BatchShare.Of(rows, _world.Rank, _world.Size);
            try
            {
                lossSum += shuffled
                    ? ShareGradient(GatherInputs(start + share.Start, share.Count, inputs), GatherTargets(start + share.Start, share.Count, targets), share.Count, rows)
                    : ShareGradient(
                        inputs.Slice((start + share.Start) * spec.InputSize, share.Count * spec.InputSize),
                        targets.Slice((start + share.Start) * _targetWidth, share.Count * _targetWidth),
                        share.Count,
                        rows);
            }
#pragma warning disable CA1031 // whatever one rank throws, the others are about to wait for it in the allreduce
            catch (Exception error)
#pragma warning restore CA1031
            {
                JobFailure.Abort(_world, error, string.Create(CultureInfo.InvariantCulture, $"failed in step {Steps + 1} (rows {start + share.Start}..{start + share.Start + share.Count - 1} of the epoch)"));
            }

            long before = Stopwatch.GetTimestamp();
            _world.AllreduceSum(_network.Gradients);
            _allreduceTicks += Stopwatch.GetTimestamp() - before;
            _network.ApplySgd(learningRate);
            Steps++;
            if (VerifyReplicasEveryStep)
                VerifyReplicas();
        }

        _sums[0] = lossSum;
        _world.AllreduceSum(_sums.AsSpan(0, 1));
        return new EpochResult(_sums[0] / count, count, batches);
    }

    private ReadOnlySpan<float> GatherInputs(int first, int n, ReadOnlySpan<float> inputs)
    {
        int width = _network.Spec.InputSize;
        for (int i = 0; i < n; i++)
            inputs.Slice(_order[first + i] * width, width).CopyTo(_shareInputs.AsSpan(i * width, width));
        return _shareInputs.AsSpan(0, n * width);
    }

    private ReadOnlySpan<TTarget> GatherTargets(int first, int n, ReadOnlySpan<TTarget> targets)
    {
        for (int i = 0; i < n; i++)
            targets.Slice(_order[first + i] * _targetWidth, _targetWidth).CopyTo(_shareTargets.AsSpan(i * _targetWidth, _targetWidth));
        return _shareTargets.AsSpan(0, n * _targetWidth);
    }

    private void PrepareOrder(int count, ulong seed)
    {
        if (_order.Length != count)
            _order = new int[count];
        if (_shareInputs.Length == 0)
        {
            int maxShare = _network.Spec.MaxBatch;
            _shareInputs = new float[maxShare * _network.Spec.InputSize];
            _shareTargets = new TTarget[maxShare * _targetWidth];
        }

        EpochOrder.Shuffle(_order, seed);
    }

    /// <summary>
    /// The mean per-row loss and error rate of the network on all rows, each rank evaluating a contiguous share; every
    /// rank gets the result. The same as the network's own <c>Evaluate</c> up to the order of the loss sum.
    /// </summary>
    /// <param name="inputs">Row-major <c>[count x InputSize]</c>, the same on every rank.</param>
    /// <param name="targets">One label per row, or row-major <c>[count x OutputSize]</c>, the same on every rank.</param>
    /// <param name="count">The number of rows.</param>
    /// <returns>The evaluation of all rows (the error rate is NaN for a regressor, as the network's own).</returns>
    public Evaluation Evaluate(ReadOnlySpan<float> inputs, ReadOnlySpan<TTarget> targets, int count)
    {
        NetworkSpec spec = _network.Spec;
        NetworkGuard.Count(count);
        NetworkGuard.Length(inputs.Length, count, spec.InputSize, "inputs", "count", "InputSize");
        NetworkGuard.Length(targets.Length, count, _targetWidth, "targets", "count", _targetWidth == 1 ? "1 label" : "OutputSize");

        BatchShare share = BatchShare.Of(count, _world.Rank, _world.Size);
        _sums[0] = 0;
        _sums[1] = 0;
        if (share.Count > 0)
        {
            try
            {
                Evaluation local = _network.Evaluate(
                    inputs.Slice(share.Start * spec.InputSize, share.Count * spec.InputSize),
                    targets.Slice(share.Start * _targetWidth, share.Count * _targetWidth),
                    share.Count);
                _sums[0] = local.MeanLoss * share.Count;
                _sums[1] = local.Errors;
            }
#pragma warning disable CA1031 // as in TrainEpoch: the other ranks are about to wait in the allreduce
            catch (Exception error)
#pragma warning restore CA1031
            {
                JobFailure.Abort(_world, error, "failed in Evaluate");
            }
        }

        _world.AllreduceSum(_sums);
        int errors = (int)_sums[1];
        return new Evaluation(_sums[0] / count, spec.IsClassifier ? (double)errors / count : double.NaN, count, errors);
    }

    /// <summary>
    /// True on every rank if all ranks hold bit-identical parameters (compared by <see cref="ParameterFingerprint"/>), false on
    /// every rank otherwise. A collective: every rank must call it.
    /// </summary>
    public bool ReplicasAgree()
    {
        long fingerprint = unchecked((long)ParameterFingerprint.Of(_network.Parameters));
        _fingerprintLow[0] = fingerprint;
        _fingerprintHigh[0] = fingerprint;
        _world.AllreduceMin(_fingerprintLow);
        _world.AllreduceMax(_fingerprintHigh);
        return _fingerprintLow[0] == _fingerprintHigh[0];
    }

    private void VerifyReplicas()
    {
        if (!ReplicasAgree())
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The ranks' parameters differ after step {Steps}: the MPI implementation returned different allreduce sums to different ranks, or the ranks run different code."));
        VerifiedSteps++;
    }

    /// <summary>This rank's part of the global batch's gradient in <c>Gradients</c>; returns its part of the sum of row losses.</summary>
    private double ShareGradient(ReadOnlySpan<float> shareInputs, ReadOnlySpan<TTarget> shareTargets, int shareRows, int batchRows)
    {
        if (shareRows == 0)
        {
            _network.Gradients.Clear();
            return 0;
        }

        float loss = _network.Backward(shareInputs, shareTargets, shareRows);
        if (!_meanReduction)
            return loss;
        if (shareRows != batchRows)
            Scale(_network.Gradients, (float)shareRows / batchRows);
        return (double)loss * shareRows;
    }

    private static void Scale(Span<float> values, float factor)
    {
        var vectorFactor = new Vector<float>(factor);
        int i = 0;
        for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(values.Slice(i)) * vectorFactor).CopyTo(values.Slice(i));
        for (; i < values.Length; i++)
            values[i] *= factor;
    }
}
