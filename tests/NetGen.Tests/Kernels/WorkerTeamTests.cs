using System;
using System.Threading;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>The worker team: every piece of a phase runs exactly once, phases follow each other, exceptions come back.</summary>
public sealed class WorkerTeamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_ClaimsEveryPieceOnce_PhaseAfterPhase(int workers)
    {
        var team = new WorkerTeam(workers);
        var work = new CountingWork(team, pieces: 1000);
        for (int phase = 0; phase < 50; phase++)
        {
            work.Reset();
            team.Run(work, phase, ReadOnlySpan<float>.Empty, 1000);
            Assert.All(work.Runs, runs => Assert.Equal(1, runs));
            Assert.InRange(work.Workers, 1, workers);
        }
    }

    [Fact]
    public void Run_PinsTheInputsForTheWorkers()
    {
        var team = new WorkerTeam(2);
        float[] inputs = { 1, 2, 3 };
        var work = new SummingWork(team);
        team.Run(work, 0, inputs, 10);
        Assert.Equal(60f, work.Sum); // 10 units, each adding the inputs' sum
    }

    [Fact]
    public void Run_RethrowsAWorkersException()
    {
        var team = new WorkerTeam(2);
        var error = Assert.Throws<InvalidOperationException>(() => team.Run(new ThrowingWork(team), 0, ReadOnlySpan<float>.Empty, 100));
        Assert.Equal("worker 1", error.Message);
    }

    private sealed class CountingWork(WorkerTeam team, int pieces) : ITeamWork
    {
        private int _workers;

        public int[] Runs { get; } = new int[pieces];

        public int Workers => _workers;

        public void Reset()
        {
            Array.Clear(Runs);
            _workers = 0;
        }

        public void Run(int phase, int worker)
        {
            Interlocked.Increment(ref _workers);
            for (int piece; (piece = team.Claim(worker, 3)) < pieces;)
            {
                for (int i = piece; i < Math.Min(piece + 3, pieces); i++)
                    Interlocked.Increment(ref Runs[i]);
            }
        }
    }

    private sealed class SummingWork(WorkerTeam team) : ITeamWork
    {
        private float _sum;

        public float Sum => _sum;

        public void Run(int phase, int worker)
        {
            while (team.Claim(worker, 1) < 10)
            {
                float sum = 0;
                foreach (float value in team.Inputs)
                    sum += value;
                lock (this)
                    _sum += sum;
            }
        }
    }

    private sealed class ThrowingWork(WorkerTeam team) : ITeamWork
    {
        public void Run(int phase, int worker)
        {
            // The calling thread leaves every unit to the worker thread, which fails on its first.
            if (worker == 1 && team.Claim(worker, 1) < 100)
                throw new InvalidOperationException("worker 1");
        }
    }
}
