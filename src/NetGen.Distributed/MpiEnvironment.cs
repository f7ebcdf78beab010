using System;

namespace NetGen.Distributed;

/// <summary>Whether this process was started by an MPI launcher (<c>mpirun</c>, <c>mpiexec</c>, <c>srun</c>).</summary>
public static class MpiEnvironment
{
    /// <summary>
    /// The variables a launcher sets in each process it starts: Open MPI's <c>OMPI_COMM_WORLD_SIZE</c>, PMIx's
    /// <c>PMIX_RANK</c> (Open MPI 5, Slurm), and the PMI <c>PMI_SIZE</c> of Hydra and Slurm.
    /// </summary>
    public static readonly string[] LauncherVariables = { "OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE" };

    /// <summary>True when one of <see cref="LauncherVariables"/> is set: the process is a rank of an MPI job.</summary>
    public static bool IsLaunchedByMpi()
    {
        foreach (string name in LauncherVariables)
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
                return true;
        return false;
    }
}
