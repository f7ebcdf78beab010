using System;
using System.Diagnostics.CodeAnalysis;

namespace NetGen.Distributed;

/// <summary>What a rank does when it cannot go on: say so on stderr, with its rank, and abort the job.</summary>
internal static class JobFailure
{
    [DoesNotReturn]
    public static void Abort(MpiCommunicator world, Exception error, string what)
    {
        Console.Error.WriteLine($"NetGen.Distributed: rank {world.Rank} of {world.Size} {what}; aborting the job so that no rank waits in a collective.");
        Console.Error.WriteLine(error);
        world.Abort(1);
    }
}
