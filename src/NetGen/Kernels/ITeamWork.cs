using System.ComponentModel;

namespace NetGen.Kernels;

/// <summary>The work a <see cref="WorkerTeam"/> runs: one phase of a training step, shared out by its workers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ITeamWork
{
    /// <summary>
    /// Runs this worker's share of <paramref name="phase"/>. Every worker of the team that is running calls it, the
    /// caller of <see cref="WorkerTeam.Run"/> as worker 0; a worker takes units of the phase with
    /// <see cref="WorkerTeam.Claim"/> until none are left, and must touch nothing else of the phase's data (a worker
    /// that starts late may call it after the phase is over: its claims then come back empty).
    /// </summary>
    /// <param name="phase">The phase, as the caller of <see cref="WorkerTeam.Run"/> numbered it.</param>
    /// <param name="worker">The worker's index, from 0 to <see cref="WorkerTeam.Workers"/> - 1 (for per-worker buffers).</param>
    void Run(int phase, int worker);
}
