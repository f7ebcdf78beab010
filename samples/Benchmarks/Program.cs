using System;
using System.Globalization;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks;

// Two ways in: BenchmarkDotNet (default; pass BenchmarkDotNet's own arguments, e.g. --filter '*Training*'), or the
// comparison script's line protocol (--serve [--data DIR] [--threads N]).
int serve = Array.IndexOf(args, "--serve");
if (serve < 0)
{
    BenchmarkSwitcher.FromAssembly(typeof(Workloads).Assembly).Run(args);
    return 0;
}

string? data = null;
int threads = 1;
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--data")
        data = args[i + 1];
    if (args[i] == "--threads")
        threads = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
}

return ServeMode.Run(data, threads);
