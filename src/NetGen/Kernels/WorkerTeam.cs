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
/// a number of units (rows, pieces of a layer) that the workers claim with <see cref="Claim"/> until none are left, and
/// <see cref="Run"/> returns once every unit is done. It waits for units, not for workers: a worker the machine has
/// not scheduled (on a busy machine, for milliseconds) holds up nothing, since the others claim its share, and when it
/// wakes up late it finds the phase over and claims nothing. Which worker computes a unit never changes what the unit
/// computes, so the results do not depend on the number of workers.</para>
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
    /// Runs <paramref name="phase"/> of <paramref name="work"/>, a phase of <paramref name="units"/> units, on every
    /// worker that is running (this thread as worker 0), and returns once every unit is done. An exception in any
    /// worker is rethrown here.
    /// </summary>
    /// <param name="work">The work.</param>
    /// <param name="phase">The phase, passed on to <see cref="ITeamWork.Run"/>.</param>
    /// <param name="inputs">Memory the workers read during the phase through <see cref="Inputs"/>; pinned meanwhile.</param>
    /// <param name="units">The units of the phase, which <see cref="Claim"/> hands out; at least 0.</param>
    public unsafe void Run(ITeamWork work, int phase, ReadOnlySpan<float> inputs, int units)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        Shared shared = _shared;
        fixed (float* pinned = inputs)
        {
            shared.Start(work, phase, (nint)pinned, inputs.Length, units);
            try
            {
                shared.RunAs(0);
            }
            catch (Exception exception)
            {
                shared.Fail(exception);
                throw;
            }
            finally
            {
                shared.WaitForUnits();
                shared.Finish();
            }
        }

        shared.ThrowIfFailed();
    }

    /// <summary>
    /// Claims the next <paramref name="size"/> units of the current phase for <paramref name="worker"/> (whose previous
    /// claim is then done): returns the index of the first, from 0 in every phase, or a value at or past the phase's
    /// number of units once none are left (or the phase is over).
    /// </summary>
    /// <param name="worker">The claiming worker, as <see cref="ITeamWork.Run"/> was given it.</param>
    /// <param name="size">How many consecutive units to claim.</param>
    /// <returns>The first unit claimed.</returns>
    public int Claim(int worker, int size) => _shared.Claim(worker, size);

    /// <summary>The state the worker threads share with the team; it never refers to the team itself.</summary>
    private sealed class Shared
    {
        private readonly Parking[] _wake;
        private readonly int[] _workerGeneration;
        private readonly int[] _outstanding;
        private int _generation;
        private long _cursor; // the generation in the high 32 bits, the next unit in the low 32
        private int _units;
        private int _done;
        private volatile bool _stopped;
        private ITeamWork? _work;
        private int _phase;
        private Exception? _failure;

        public Shared(int workers)
        {
            Workers = workers;
            Allocated = new long[workers];
            AllocatedAtStart = new long[workers];
            _workerGeneration = new int[workers];
            _outstanding = new int[workers];
            _wake = new Parking[workers];
            for (int i = 0; i < workers; i++)
                _wake[i] = new Parking();
        }

        public int Workers { get; }

        /// <summary>Each worker thread's <see cref="GC.GetAllocatedBytesForCurrentThread"/> after its last phase, and when it started.</summary>
        public readonly long[] Allocated, AllocatedAtStart;

        public nint Inputs;
        public int InputsLength;

        /// <summary>Publishes a phase and wakes the worker threads.</summary>
        public void Start(ITeamWork work, int phase, nint inputs, int length, int units)
        {
            // Closed first: a worker still in the last phase must not claim against this one's fields.
            int generation = _generation + 1;
            Volatile.Write(ref _cursor, ((long)generation << 32) | int.MaxValue);
            Inputs = inputs;
            InputsLength = length;
            _work = work;
            _phase = phase;
            _units = units;
            _done = 0;
            _failure = null;
            _workerGeneration[0] = generation;
            Volatile.Write(ref _cursor, (long)generation << 32);
            Interlocked.Exchange(ref _generation, generation); // a full fence: everything above is visible first
            for (int i = 1; i < Workers; i++)
                _wake[i].Open();
        }

        /// <summary>Runs this worker's share of the current phase, then marks its last claim done.</summary>
        public void RunAs(int worker)
        {
            try
            {
                ITeamWork? work = Volatile.Read(ref _work);
                if (work is not null)
                    work.Run(_phase, worker);
            }
            finally
            {
                Settle(worker);
            }
        }

        public int Claim(int worker, int size)
        {
            Settle(worker);
            long generation = _workerGeneration[worker];
            while (true)
            {
                long cursor = Volatile.Read(ref _cursor);
                int next = (int)cursor;
                if (cursor >> 32 != generation || next >= _units)
                    return int.MaxValue;
                if (Interlocked.CompareExchange(ref _cursor, cursor + size, cursor) == cursor)
                {
                    _outstanding[worker] = Math.Min(size, _units - next);
                    return next;
                }
            }
        }

        /// <summary>
        /// Spins (then yields) until every unit of the phase is done. If a worker failed, the units nobody will run are
        /// claimed here and counted as done, so that the phase still ends.
        /// </summary>
        public void WaitForUnits()
        {
            var spin = default(SpinWait);
            while (Volatile.Read(ref _done) < _units)
            {
                if (Volatile.Read(ref _failure) is not null)
                {
                    while (Claim(0, 1) < _units)
                    {
                    }
                }

                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        public void Fail(Exception exception) => Interlocked.CompareExchange(ref _failure, exception, null);

        /// <summary>Drops the phase's references once it is done, so that the threads keep nothing alive.</summary>
        public void Finish()
        {
            Volatile.Write(ref _work, null);
            Inputs = 0;
            InputsLength = 0;
        }

        public void ThrowIfFailed()
        {
            Exception? failure = Volatile.Read(ref _failure);
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

                // The phase this worker claims in; if the team has moved on meanwhile, every claim comes back empty.
                _workerGeneration[worker] = seen;
                try
                {
                    RunAs(worker);
                }
                catch (Exception exception)
                {
                    Fail(exception);
                }

                Volatile.Write(ref Allocated[worker], GC.GetAllocatedBytesForCurrentThread());
            }
        }

        /// <summary>Counts the worker's outstanding claim as done.</summary>
        private void Settle(int worker)
        {
            int outstanding = _outstanding[worker];
            if (outstanding == 0)
                return;
            _outstanding[worker] = 0;
            Interlocked.Add(ref _done, outstanding);
        }

        /// <summary>Spins for the next phase, then blocks on the worker's gate; returns the new generation.</summary>
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
