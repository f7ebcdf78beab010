using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.Kernels;

/// <summary>
/// Long-lived worker threads that run the phases of a training step together with the calling thread, for a
/// network's multi-threaded epoch. Created once per network and resized in place: running a phase allocates nothing
/// while the workers are running.
/// </summary>
/// <remarks>
/// <para>The caller is worker 0; the team runs up to <c>Workers - 1</c> background threads, started by the first phase
/// that needs them. A phase is a number of units (rows, pieces of a layer) that the workers claim with
/// <see cref="Claim"/> until none are left, and <see cref="Run"/> returns once every unit is done. It waits for units,
/// not for workers: a worker the machine has not scheduled (on a busy machine, for milliseconds) holds up nothing,
/// since the others claim its share, and when it wakes up late it finds the phase over and claims nothing. Which worker
/// computes a unit never changes what the unit computes, so the results do not depend on the number of workers.</para>
/// <para>Between phases the workers spin, then yield, and after <see cref="IdleSpin"/> without work they block until
/// the next phase. A worker that stays blocked for <see cref="IdleExit"/> ends its thread; the next phase starts it
/// again. <see cref="Resize"/> changes the number of workers in place and ends the surplus threads;
/// <see cref="Dispose"/> (or the finalizer, once the team is collected) ends them all. So a team never holds more than
/// <see cref="Workers"/> - 1 threads, and none once it has been idle for <see cref="IdleExit"/>.</para>
/// <para>One caller at a time: <see cref="Run"/> and <see cref="Resize"/> are not safe to call from two threads at
/// once (the generated networks admit one caller per instance).</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class WorkerTeam : IDisposable
{
    /// <summary>How long an idle worker spins for the next phase before it blocks.</summary>
    public static readonly TimeSpan IdleSpin = TimeSpan.FromMilliseconds(2);

    /// <summary>How long a blocked worker waits for the next phase before its thread ends (the next phase restarts it).</summary>
    public static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(10);

    /// <summary>The largest number of workers, the caller included: <see cref="NetworkLimits.MaxDegreeOfParallelism"/>.</summary>
    public const int MaxWorkers = NetworkLimits.MaxDegreeOfParallelism;

    [ThreadStatic]
    private static long t_unitsRunByWorkerThreads;

    private readonly Shared _shared;

    /// <summary>Creates a team of <paramref name="workers"/>; the threads start with the first phase.</summary>
    /// <param name="workers">The number of workers, the caller included: 1 to <see cref="MaxWorkers"/>.</param>
    public WorkerTeam(int workers)
        : this(workers, IdleExit)
    {
    }

    /// <summary>Creates a team whose blocked workers end after <paramref name="idleExit"/> (a seam for tests).</summary>
    /// <param name="workers">The number of workers, the caller included: 1 to <see cref="MaxWorkers"/>.</param>
    /// <param name="idleExit">How long a blocked worker waits for a phase before its thread ends.</param>
    public WorkerTeam(int workers, TimeSpan idleExit)
    {
        CheckWorkers(workers);
        _shared = new Shared(workers, idleExit);
    }

    /// <summary>Ends the worker threads.</summary>
    ~WorkerTeam() => _shared?.Stop(); // null when the constructor threw

    /// <summary>The number of workers, the caller included.</summary>
    public int Workers => _shared.Workers;

    /// <summary>The worker threads running now (started and not yet ended), at most <see cref="Workers"/> - 1.</summary>
    public int RunningThreads => _shared.RunningThreads;

    /// <summary>
    /// The units of every phase the calling thread has run with <see cref="Run"/> (on any team) that worker threads, not
    /// the caller, ran: for tests that check that the work was shared.
    /// </summary>
    public static long UnitsRunByWorkerThreads => t_unitsRunByWorkerThreads;

    /// <summary>
    /// The bytes the worker threads have allocated since they started (each thread's own count, as of its last phase):
    /// with the calling thread's <see cref="GC.GetAllocatedBytesForCurrentThread"/>, what a multi-threaded run allocated.
    /// </summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long sum = 0;
            for (int i = 1; i < MaxWorkers; i++)
                sum += Volatile.Read(ref _shared.Allocated[i]) - Volatile.Read(ref _shared.AllocatedAtStart[i]);
            return sum;
        }
    }

    /// <summary>The memory passed to <see cref="Run"/>, for the workers to read during the phase.</summary>
    public unsafe ReadOnlySpan<float> Inputs => new((void*)_shared.Inputs, _shared.InputsLength);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> unless <c>1 &lt;= workers &lt;= MaxWorkers</c>.</summary>
    /// <param name="workers">The number of workers (a degree of parallelism), the caller included.</param>
    /// <param name="paramName">The argument's name.</param>
    public static void CheckWorkers(int workers, string paramName = "workers")
    {
        if (workers < 1 || workers > MaxWorkers)
        {
            throw new ArgumentOutOfRangeException(paramName, workers, string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"The degree of parallelism must be from 1 to NetworkLimits.MaxDegreeOfParallelism ({MaxWorkers}), the calling thread included."));
        }
    }

    /// <summary>
    /// Changes the number of workers in place: threads past the new number end (they are woken to do so), and new ones
    /// start with the next phase. Call it between phases, from the thread that runs them.
    /// </summary>
    /// <param name="workers">The number of workers, the caller included: 1 to <see cref="MaxWorkers"/>.</param>
    public void Resize(int workers)
    {
        CheckWorkers(workers);
        ObjectDisposedException.ThrowIf(_shared.Stopped, this);
        _shared.Resize(workers);
    }

    /// <summary>Ends the worker threads (each one as soon as it wakes up); the team cannot run phases after this.</summary>
    public void Dispose()
    {
        _shared.Stop();
        GC.SuppressFinalize(this);
    }

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
        ObjectDisposedException.ThrowIf(shared.Stopped, this);
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
                t_unitsRunByWorkerThreads += units - shared.CallerUnits;
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
        private const int NotRunning = 0, Running = 1;

        private readonly Parking?[] _wake = new Parking?[MaxWorkers];
        private readonly int[] _workerGeneration = new int[MaxWorkers];
        private readonly int[] _outstanding = new int[MaxWorkers];
        private readonly int[] _running = new int[MaxWorkers]; // NotRunning or Running: whether slot i has a thread
        private readonly int[] _startSeen = new int[MaxWorkers]; // the generation a slot's new thread has already seen
        private readonly TimeSpan _idleExit;
        private int _workers;
        private int _generation;
        private long _cursor; // the generation in the high 32 bits, the next unit in the low 32
        private int _units;
        private int _done;
        private volatile bool _stopped;
        private ITeamWork? _work;
        private int _phase;
        private Exception? _failure;

        public Shared(int workers, TimeSpan idleExit)
        {
            _workers = workers;
            _idleExit = idleExit;
        }

        public int Workers => Volatile.Read(ref _workers);

        public bool Stopped => _stopped;

        /// <summary>The units the caller (worker 0) claimed in the current phase.</summary>
        public int CallerUnits;

        public int RunningThreads
        {
            get
            {
                int count = 0;
                for (int i = 1; i < MaxWorkers; i++)
                    count += Volatile.Read(ref _running[i]);
                return count;
            }
        }

        /// <summary>Each worker thread's <see cref="GC.GetAllocatedBytesForCurrentThread"/> after its last phase, and when it started.</summary>
        public readonly long[] Allocated = new long[MaxWorkers], AllocatedAtStart = new long[MaxWorkers];

        public nint Inputs;
        public int InputsLength;

        public void Resize(int workers)
        {
            int had = Workers;
            Volatile.Write(ref _workers, workers);
            Interlocked.MemoryBarrier(); // the new number before the look at the threads: a surplus worker that wakes sees it
            for (int i = workers; i < had; i++)
            {
                if (Volatile.Read(ref _running[i]) == Running)
                    _wake[i]!.Open(); // it wakes, finds itself past the number of workers and ends
            }
        }

        /// <summary>Publishes a phase, wakes the worker threads and starts the missing ones.</summary>
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
            CallerUnits = 0;
            _workerGeneration[0] = generation;
            Volatile.Write(ref _cursor, (long)generation << 32);
            Interlocked.Exchange(ref _generation, generation); // a full fence: everything above is visible first

            // Published before the look at the slots, and a worker ending clears its slot before it looks at the
            // generation: either this sees the slot empty (and starts a thread) or the worker sees the phase (and stays).
            int workers = Workers;
            for (int i = 1; i < workers; i++)
            {
                if (Volatile.Read(ref _running[i]) == Running)
                    _wake[i]!.Open();
                else if (Interlocked.CompareExchange(ref _running[i], Running, NotRunning) == NotRunning)
                    StartThread(i, generation - 1);
                else
                    _wake[i]!.Open();
            }
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
                    int claimed = Math.Min(size, _units - next);
                    _outstanding[worker] = claimed;
                    if (worker == 0)
                        CallerUnits += claimed;
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
            foreach (Parking? wake in _wake)
                wake?.Open();
        }

        private void StartThread(int worker, int seen)
        {
            _wake[worker] ??= new Parking();
            _startSeen[worker] = seen;
            var thread = new Thread(WorkerLoop) { IsBackground = true, Name = "NetGen worker " + worker };
            thread.UnsafeStart(worker);
        }

        private void WorkerLoop(object? state)
        {
            int worker = (int)state!;
            Parking wake = _wake[worker]!;
            int seen = _startSeen[worker]; // the generation before the phase that started it: it runs that phase
            long start = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref AllocatedAtStart[worker], start);
            Volatile.Write(ref Allocated[worker], start);
            while (true)
            {
                int generation = WaitForPhase(worker, seen, wake);
                if (generation == seen || _stopped || worker >= Workers)
                {
                    if (TryEnd(worker, seen))
                        return;
                    continue; // a phase came in while it was ending: stay
                }

                seen = generation;

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

        /// <summary>Clears the worker's slot unless the team still wants it; returns whether the thread should end.</summary>
        private bool TryEnd(int worker, int seen)
        {
            Interlocked.Exchange(ref _running[worker], NotRunning); // a full fence before the look at the generation
            bool wanted = !_stopped && worker < Workers && Volatile.Read(ref _generation) != seen;
            return !(wanted && Interlocked.CompareExchange(ref _running[worker], Running, NotRunning) == NotRunning);
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

        /// <summary>
        /// Spins for the next phase, then blocks on the worker's gate; returns the new generation, or
        /// <paramref name="seen"/> when the worker should end (idle for the team's idle exit, surplus, or stopped).
        /// </summary>
        private int WaitForPhase(int worker, int seen, Parking wake)
        {
            var spin = default(SpinWait);
            long start = Stopwatch.GetTimestamp();
            int generation;
            while ((generation = Volatile.Read(ref _generation)) == seen)
            {
                if (_stopped || worker >= Workers)
                    return seen;
                if (spin.Count >= 64 && Stopwatch.GetElapsedTime(start) > IdleSpin)
                {
                    // Close, look again, then wait: a phase released in between either shows in the generation or
                    // opens the gate after it was closed.
                    wake.Close();
                    if ((generation = Volatile.Read(ref _generation)) != seen)
                        break;
                    if (_stopped || worker >= Workers || !wake.WaitOpen(_idleExit))
                        return Volatile.Read(ref _generation) == seen ? seen : Volatile.Read(ref _generation);
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

        /// <summary>Waits until the gate is open or <paramref name="timeout"/> has passed; returns whether it opened.</summary>
        public bool WaitOpen(TimeSpan timeout)
        {
            long start = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                Interlocked.Exchange(ref _waiting, 1);
                try
                {
                    while (Volatile.Read(ref _open) == 0)
                    {
                        TimeSpan left = timeout - Stopwatch.GetElapsedTime(start);
                        if (left <= TimeSpan.Zero)
                            return false;
                        Monitor.Wait(_gate, left);
                    }

                    return true;
                }
                finally
                {
                    Volatile.Write(ref _waiting, 0);
                }
            }
        }
    }
}
