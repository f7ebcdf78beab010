using System;
using System.Diagnostics;
using System.Threading;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The team's threads are owned: resizing keeps one set of threads and ends the surplus, idle workers end and come
/// back with the next phase, <see cref="WorkerTeam.Dispose"/> ends them all, and the number of workers is bounded.
/// </summary>
public sealed class WorkerTeamLifetimeTests
{
    [Fact]
    public void ResizingBackAndForth_KeepsAtMostWorkersMinusOneThreads_AndEndsTheSurplus()
    {
        using var team = new WorkerTeam(2);
        var work = new CountingWork(team);
        for (int round = 0; round < 500; round++)
        {
            int workers = round % 2 == 0 ? 3 : 2;
            team.Resize(workers);
            team.Run(work, 0, ReadOnlySpan<float>.Empty, 64);
            Assert.InRange(team.RunningThreads, 0, 2);
        }

        team.Resize(1);
        WaitUntil(() => team.RunningThreads == 0, TimeSpan.FromSeconds(10), "the threads past the new number of workers to end");
        team.Run(work, 0, ReadOnlySpan<float>.Empty, 64); // the caller alone
        Assert.Equal(0, team.RunningThreads);
        Assert.Equal(501 * 64, work.Units);
    }

    [Fact]
    public void IdleWorkers_End_AndTheNextPhaseStartsThemAgain()
    {
        using var team = new WorkerTeam(3, idleExit: TimeSpan.FromMilliseconds(50));
        var work = new CountingWork(team);
        team.Run(work, 0, ReadOnlySpan<float>.Empty, 100);

        WaitUntil(() => team.RunningThreads == 0, TimeSpan.FromSeconds(10), "idle workers to end");
        for (int i = 0; i < 20; i++)
            team.Run(work, 0, ReadOnlySpan<float>.Empty, 100);

        Assert.Equal(2100, work.Units);
        Assert.InRange(team.RunningThreads, 0, 2);
    }

    [Fact]
    public void Dispose_EndsTheThreads_AndLaterPhasesThrow()
    {
        var team = new WorkerTeam(3);
        var work = new CountingWork(team);
        team.Run(work, 0, ReadOnlySpan<float>.Empty, 100);

        team.Dispose();

        WaitUntil(() => team.RunningThreads == 0, TimeSpan.FromSeconds(10), "the threads of a disposed team to end");
        Assert.Throws<ObjectDisposedException>(() => team.Run(work, 0, ReadOnlySpan<float>.Empty, 100));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(NetworkLimits.MaxDegreeOfParallelism + 1)]
    [InlineData(int.MaxValue)]
    public void WorkersOutsideOneToTheLimit_AreRejected_BeforeAnyThreadStarts(int workers)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new WorkerTeam(workers));
        Assert.Contains("NetworkLimits.MaxDegreeOfParallelism (256)", error.Message, StringComparison.Ordinal);

        using var team = new WorkerTeam(2);
        Assert.Throws<ArgumentOutOfRangeException>(() => team.Resize(workers));
        Assert.Equal(2, team.Workers);
    }

    [Fact]
    public void UnitsRunByWorkerThreads_CountsWhatTheWorkersDid_NotTheCaller()
    {
        using var team = new WorkerTeam(2);
        long before = WorkerTeam.UnitsRunByWorkerThreads;
        var work = new CountingWork(team, callerIdle: true); // the caller claims nothing: the worker runs every unit
        team.Run(work, 0, ReadOnlySpan<float>.Empty, 1000);

        Assert.Equal(1000, WorkerTeam.UnitsRunByWorkerThreads - before);
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Waited {timeout.TotalSeconds} s for {what}.");
            Thread.Sleep(5);
        }
    }

    private sealed class CountingWork(WorkerTeam team, bool callerIdle = false) : ITeamWork
    {
        private int _units;

        public int Units => Volatile.Read(ref _units);

        public void Run(int phase, int worker)
        {
            if (callerIdle && worker == 0)
                return;
            while (team.Claim(worker, 1) != int.MaxValue) // a unit, until none is left
                Interlocked.Increment(ref _units);
        }
    }
}
