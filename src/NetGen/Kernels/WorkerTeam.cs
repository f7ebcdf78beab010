using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Kernels;

/// <summary>
/// Long-lived worker threads that run the phases of a training step together with the calling thread, for a
/// network's multi-threaded epoch. Created once and reused: running a phase allocates nothing.
/// </summary>
/// <remarks>
/// <para>The caller is worker 0; the team starts <c>workers - 1</c> background threads when it is created. A phase is
/// split into pieces that the workers claim with <see cref="Claim"/> until none are left (so a worker the machine
/// did not schedule holds up at most one piece), and <see cref="Run"/> returns when every worker is done: a barrier.
/// Which worker computes a piece never changes what the piece computes, so the results do not depend on the
/// number of workers.</para>
/// <para>Between phases the workers spin, then yield, and after <see cref="IdleSpin"/> without work they block until
/// the next phase. The threads hold no reference to the work between phases and end when the team is collected.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerTeam
{
    /// <summary>How long an idle worker spins for the next phase before it blocks.</summary>
    public static readonly TimeSpan IdleSpin = TimeSpan.FromMilliseconds(2);

    private readonly Shared _shared;

    /// <summary>Creates a team of <paramref name="workers"/>, starting <c>workers - 1</c> background threads.</summary>
    /// <param name="workers">The number of workers, the caller included: at least 1.</param>
    public WorkerTeam(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _shared = new Shared(workers);
        for (int worker = 1; worker < workers; worker++)
        {
            var thread = new Thread(_shared.WorkerLoop) { IsBackground = true, Name = "NetGen worker " + worker };
            thread.Start(worker);
        }
    }

    /// <summary>Ends the worker threads.</summary>
    ~WorkerTeam() => _shared.Stop();

    /// <summary>The number of workers, the caller included.</summary>
    public int Workers => _shared.Workers;

    /// <summary>
    /// Runs <paramref name="phase"/> of <paramref name="work"/> on every worker (this thread as worker 0) and returns
    /// when all are done. An exception in any worker is rethrown here.
    /// </summary>
    /// <param name="work">The work.</param>
    /// <param name="phase">The phase, passed on to <see cref="ITeamWork.Run"/>.</param>
    /// <param name="inputs">Memory the workers read during the phase through <see cref="Inputs"/>; pinned meanwhile.</param>
    public unsafe void Run(ITeamWork work, int phase, ReadOnlySpan<float> inputs)
    {
        ArgumentNullException.ThrowIfNull(work);
        Shared shared = _shared;
        fixed (float* pinned = inputs)
        {
            shared.Inputs = (nint)pinned;
            shared.InputsLength = inputs.Length;
            shared.Work = work;
            shared.Phase = phase;
            shared.Next = 0;
            shared.Pending = shared.Workers - 1;
            shared.Release();

            try
            {
                work.Run(phase, 0);
            }
            finally
            {
                shared.WaitForWorkers();
                shared.Work = null;
                shared.Inputs = 0;
                shared.InputsLength = 0;
            }
        }

        shared.ThrowIfFailed();
    }

    /// <summary>
    /// The bytes the worker threads have allocated since they started (each thread's own count, as of its last phase):
    /// with the calling thread's <see cref="GC.GetAllocatedBytesForCurrentThread"/>, what a multi-threaded run allocated.
    /// </summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long sum = 0;
            for (int i = 1; i < _shared.Workers; i++)
                sum += Volatile.Read(ref _shared.Allocated[i]) - _shared.AllocatedAtStart[i];
            return sum;
        }
    }

    /// <summary>The memory passed to <see cref="Run"/>, for the workers to read during the phase.</summary>
    public unsafe ReadOnlySpan<float> Inputs => new((void*)_shared.Inputs, _shared.InputsLength);

    /// <summary>
    /// Claims the next <paramref name="size"/> pieces of the current phase: returns the index of the first, counting
    /// from 0 in every phase; the claim is empty once the index reaches the phase's number of pieces.
    /// </summary>
    /// <param name="size">How many consecutive pieces to claim.</param>
    /// <returns>The first piece claimed.</returns>
    public int Claim(int size) => Interlocked.Add(ref _shared.Next, size) - size;

    /// <summary>The state the worker threads share with the team; it never refers to the team itself.</summary>
    private sealed class Shared
    {
        private readonly Parking[] _wake;
        private int _generation;
        private volatile bool _stopped;
        private Exception? _failure;

        public Shared(int workers)
        {
            Workers = workers;
            Allocated = new long[workers];
            AllocatedAtStart = new long[workers];
            _wake = new Parking[workers];
            for (int i = 0; i < workers; i++)
                _wake[i] = new Parking();
        }

        public int Workers { get; }

        /// <summary>Each worker thread's <see cref="GC.GetAllocatedBytesForCurrentThread"/> after its last phase, and when it started.</summary>
        public readonly long[] Allocated, AllocatedAtStart;

        public ITeamWork? Work;
        public int Phase;
        public nint Inputs;
        public int InputsLength;
        public int Next;
        public int Pending;

        /// <summary>Starts the phase the fields describe on every worker thread.</summary>
        public void Release()
        {
            Interlocked.Increment(ref _generation);
            for (int i = 1; i < Workers; i++)
                _wake[i].Open();
        }

        /// <summary>Spins (then yields) until every worker thread has finished the phase.</summary>
        public void WaitForWorkers()
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref Pending) != 0)
                spin.SpinOnce(sleep1Threshold: -1);
        }

        public void ThrowIfFailed()
        {
            Exception? failure = Interlocked.Exchange(ref _failure, null);
            if (failure is not null)
                ExceptionDispatchInfo.Throw(failure);
        }

        public void Stop()
        {
            _stopped = true;
            Interlocked.Increment(ref _generation);
            foreach (Parking wake in _wake)
                wake.Open();
        }

        public void WorkerLoop(object? state)
        {
            int worker = (int)state!;
            Parking wake = _wake[worker];
            int seen = 0; // the generation before the first phase: a thread that starts late still runs it
            AllocatedAtStart[worker] = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref Allocated[worker], AllocatedAtStart[worker]);
            while (true)
            {
                seen = WaitForPhase(seen, wake);
                if (_stopped)
                    return;
                try
                {
                    Work!.Run(Phase, worker);
                }
                catch (Exception exception)
                {
                    Interlocked.CompareExchange(ref _failure, exception, null);
                }

                Volatile.Write(ref Allocated[worker], GC.GetAllocatedBytesForCurrentThread());
                Interlocked.Decrement(ref Pending);
            }
        }

        /// <summary>Spins for the next phase, then blocks on the worker's event; returns the new generation.</summary>
        private int WaitForPhase(int seen, Parking wake)
        {
            var spin = default(SpinWait);
            long start = Stopwatch.GetTimestamp();
            int generation;
            while ((generation = Volatile.Read(ref _generation)) == seen)
            {
                if (spin.Count >= 64 && Stopwatch.GetElapsedTime(start) > IdleSpin)
                {
                    // Close, look again, then wait: a phase released in between either shows in the generation or
                    // opens the gate after it was closed.
                    wake.Close();
                    if ((generation = Volatile.Read(ref _generation)) != seen)
                        break;
                    wake.WaitOpen();
                    spin = default;
                    start = Stopwatch.GetTimestamp();
                    continue;
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }

            return generation;
        }
    }

    /// <summary>
    /// Where an idle worker blocks: a gate the team opens for every phase. Opening costs a fenced write while the worker
    /// spins, and a lock only when it waits; nothing is allocated after construction (unlike an event's lazy lock).
    /// </summary>
    private sealed class Parking
    {
        private readonly object _gate = new();
        private int _open;
        private int _waiting;

        public void Open()
        {
            Interlocked.Exchange(ref _open, 1); // a full fence: the worker's wait reads it after announcing itself
            if (Volatile.Read(ref _waiting) != 0)
            {
                lock (_gate)
                    Monitor.PulseAll(_gate);
            }
        }

        public void Close() => Volatile.Write(ref _open, 0);

        public void WaitOpen()
        {
            lock (_gate)
            {
                Interlocked.Exchange(ref _waiting, 1);
                while (Volatile.Read(ref _open) == 0)
                    Monitor.Wait(_gate);
                Volatile.Write(ref _waiting, 0);
            }
        }
    }
}
