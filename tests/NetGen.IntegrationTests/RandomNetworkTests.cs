using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using NetGen.IntegrationTests.RandomNetworks;
using NetGen.IntegrationTests.Verification;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetGen.IntegrationTests;

/// <summary>
/// 100 random declarations per run, generated and compiled in one in-process compilation, each held to the
/// interpreter like the declared networks (<see cref="ReferenceCheck"/>) at batch sizes 1, odd and MaxBatch, plus an
/// epoch and an evaluation. 80 come from fixed seeds (the same every run) and 20 from a seed that changes daily, which
/// is printed; set <c>NETGEN_RANDOM_SEED</c> to replay a day (<see cref="RandomSeeds"/>).
/// </summary>
public sealed class RandomNetworkTests(ITestOutputHelper output)
{
    public const string SeedVariable = RandomSeeds.SeedVariable;

    /// <summary>With a replayed seed, compare only the networks named here (comma-separated class names, e.g. Random007).</summary>
    public const string OnlyVariable = "NETGEN_RANDOM_ONLY";
    private const int Count = 100;

    [Fact]
    public void RandomDeclarations_CompileCleanly_AndMatchInterpreter()
    {
        int seed = RandomSeeds.Daily;
        string seeds = RandomSeeds.Describe(seed);
        output.WriteLine(seeds);
        (RandomDeclaration Declaration, int Seed)[] drawn = RandomSeeds.Draw(Count, seed);
        RandomDeclaration[] declarations = drawn.Select(d => d.Declaration).ToArray();
        string source = "namespace NetGen.RandomNetworks;\n\n" + string.Join("\n", declarations.Select(d => d.Source));

        var clock = Stopwatch.StartNew();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        using var compiler = new InProcessCompiler();
        Assembly assembly;
        try
        {
            assembly = compiler.Compile(source, "NetGen.RandomNetworks" + seed.ToString(CultureInfo.InvariantCulture));
        }
        catch (InvalidOperationException failure)
        {
            throw new XunitException($"{seeds}: {failure.Message}\n\n{source}");
        }

        output.WriteLine($"generated and compiled {Count} networks ({compiler.GeneratedLines} lines) in {clock.ElapsedMilliseconds} ms ({(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:F0} ms of CPU): generator {compiler.GenerateTime.TotalMilliseconds:F0} ms, compiler {compiler.EmitTime.TotalMilliseconds:F0} ms");
        clock.Restart();

        var failures = new List<string>();
        var log = new ErrorLog();
        var closest = new List<(double Closest, RandomDeclaration Declaration)>();
        (string Type, string Method, int Size) largest = declarations
            .SelectMany(d => IlSizeTests.IlSizes(assembly.GetType("NetGen.RandomNetworks." + d.ClassName, throwOnError: true)!).Take(1).Select(m => (d.ClassName, m.Name, m.Size)))
            .MaxBy(entry => entry.Size);
        output.WriteLine($"largest generated method: {largest.Type}.{largest.Method}, {largest.Size} IL bytes");
        if (largest.Size >= IlSizeTests.MaxIlBytes)
            failures.Add($"{largest.Type}.{largest.Method} has {largest.Size} IL bytes; the bound is {IlSizeTests.MaxIlBytes}.\n{declarations.First(d => d.ClassName == largest.Type).Source}");
        string[]? only = Environment.GetEnvironmentVariable(OnlyVariable)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach ((RandomDeclaration declaration, int drawnBy) in drawn.Where(d => only is null || only.Contains(d.Declaration.ClassName, StringComparer.Ordinal)))
        {
            Type type = assembly.GetType("NetGen.RandomNetworks." + declaration.ClassName, throwOnError: true)!;
            ErrorLog own = log.Child();
            try
            {
                var network = (INetwork)Activator.CreateInstance(type)!;
                int maxBatch = network.Spec.MaxBatch;
                foreach (int batchSize in Networks.NetworkBank.BatchSizes(maxBatch))
                    new ReferenceCheck(network, batchSize, drawnBy ^ batchSize, own, declaration.ClassName).Run();
                DatasetCheck.Run(network, drawnBy, own, declaration.ClassName);
                closest.Add((own.Closest, declaration));
            }
            catch (Exception failure) when (failure is XunitException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"{failure.Message}\n{declaration.Source}");
            }
        }

        output.WriteLine($"compared in {clock.ElapsedMilliseconds} ms; worst relative errors:\n{log}");
        output.WriteLine("closest calls (largest error as a fraction of its tolerance):");
        foreach ((double fraction, RandomDeclaration declaration) in closest.OrderByDescending(entry => entry.Closest).Take(3))
            output.WriteLine($"{fraction:F3} {declaration.ClassName}\n{declaration.Source}");
        if (failures.Count > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{failures.Count} of {Count} random networks differ from the interpreter; {seeds}.\n\n");
            foreach (string failure in failures.Take(10))
                message.Append(failure).Append('\n');
            throw new XunitException(message.ToString());
        }
    }
}
