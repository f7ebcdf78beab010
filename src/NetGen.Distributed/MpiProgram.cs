using System;

namespace NetGen.Distributed;

/// <summary>
/// Runs a program's body as one rank of an MPI job: starts MPI, runs the body, finalizes MPI; and if the body throws,
/// prints the exception with the rank and aborts the whole job, so no other rank is left waiting in a collective.
/// </summary>
public static class MpiProgram
{
    /// <summary>Runs <paramref name="body"/> with the world communicator and returns its exit code.</summary>
    /// <param name="body">The rank's work; its return value is the process's exit code.</param>
    /// <returns>The body's exit code (the job is aborted with code 1 if it throws).</returns>
    /// <exception cref="MpiUnavailableException">Open MPI is not installed; the message names the package.</exception>
    public static int Run(Func<MpiCommunicator, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        MpiCommunicator world = MpiCommunicator.Initialize();
        int exitCode;
        try
        {
            exitCode = body(world);
        }
#pragma warning disable CA1031 // any exception on one rank must end the job, whatever its type
        catch (Exception error)
#pragma warning restore CA1031
        {
            JobFailure.Abort(world, error, "failed");
            throw; // not reached: Abort ends the process
        }

        world.Dispose();
        return exitCode;
    }
}
