using System;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Benchmarks;

/// <summary>
/// The comparison script's side channel: one request per line on stdin, one <c>ok SECONDS</c> per line on stdout,
/// so that compare.py can interleave NetGen with numpy and PyTorch round by round in one run.
/// </summary>
internal static class ServeMode
{
    public static int Run(string? dataFolder, int threads)
    {
        var workloads = new Workloads(BenchmarkData.Mnist(dataFolder), BenchmarkData.Dense(), threads);
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ready .NET {Environment.Version}, {RuntimeInformation.ProcessArchitecture}, Vector<float>.Count {Vector<float>.Count}, epochs on {threads} thread(s)"));
        Console.Out.Flush();
        string? line;
        while ((line = Console.In.ReadLine()) is not null)
        {
            string[] request = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (request.Length == 0)
                continue;
            try
            {
                double seconds = workloads.Time(request);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ok {seconds:R}"));
            }
            catch (ArgumentException error)
            {
                Console.Out.WriteLine("error " + error.Message);
            }

            Console.Out.Flush();
        }

        return 0;
    }
}
