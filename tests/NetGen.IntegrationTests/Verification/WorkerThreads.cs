using System;
using System.IO;
using System.Linq;

namespace NetGen.IntegrationTests.Verification;

/// <summary>The process's NetGen worker threads, counted by the names the team gives them ("NetGen worker N").</summary>
internal static class WorkerThreads
{
    /// <summary>The threads of this process whose name starts with "NetGen worker" (from /proc/self/task/*/comm).</summary>
    public static int Count()
    {
        Assert.True(Directory.Exists("/proc/self/task"), "Counting threads by name needs Linux's /proc/self/task.");
        return Directory.EnumerateDirectories("/proc/self/task").Count(task =>
        {
            try
            {
                return File.ReadAllText(Path.Combine(task, "comm")).StartsWith("NetGen worker", StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false; // the thread ended while we looked
            }
        });
    }
}
