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
/// epoch and an evaluation. The run's seed is printed; set <c>NETGEN_RANDOM_SEED</c> to replay a run.
/// </summary>
public sealed class RandomNetworkTests(ITestOutputHelper output)
{
    public const string SeedVariable = "NETGEN_RANDOM_SEED";

    /// <summary>With a replayed seed, compare only the networks named here (comma-separated class names, e.g. Random007).</summary>
    public const string OnlyVariable = "NETGEN_RANDOM_ONLY";
    private const int Count = 100;

    [Fact]
    public void RandomDeclarations_CompileCleanly_AndMatchInterpreter()
    {
        string? fixedSeed = Environment.GetEnvironmentVariable(SeedVariable);
        int seed = fixedSeed is null ? Environment.TickCount & int.MaxValue : int.Parse(fixedSeed, CultureInfo.InvariantCulture);
        output.WriteLine($"seed {seed} (replay with {SeedVariable}={seed})");
        var random = new Random(seed);
        RandomDeclaration[] declarations = Enumerable.Range(0, Count).Select(i => RandomDeclaration.Draw(i, random)).ToArray();
        string source = "namespace NetGen.RandomNetworks;\n\n" + string.Join("\n", declarations.Select(d => d.Source));

        var clock = Stopwatch.StartNew();
        using var compiler = new InProcessCompiler();
        Assembly assembly;
        try
        {
            assembly = compiler.Compile(source, "NetGen.RandomNetworks" + seed.ToString(CultureInfo.InvariantCulture));
        }
        catch (InvalidOperationException failure)
        {
            throw new XunitException($"seed {seed} ({SeedVariable}={seed}): {failure.Message}\n\n{source}");
        }

        output.WriteLine($"generated and compiled {Count} networks in {clock.ElapsedMilliseconds} ms");
        clock.Restart();

        var failures = new List<string>();
        var log = new ErrorLog();
        string[]? only = Environment.GetEnvironmentVariable(OnlyVariable)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (RandomDeclaration declaration in declarations.Where(d => only is null || only.Contains(d.ClassName, StringComparer.Ordinal)))
        {
            Type type = assembly.GetType("NetGen.RandomNetworks." + declaration.ClassName, throwOnError: true)!;
            try
            {
                var network = (INetwork)Activator.CreateInstance(type)!;
                int maxBatch = network.Spec.MaxBatch;
                foreach (int batchSize in Networks.NetworkBank.BatchSizes(maxBatch))
                    new ReferenceCheck(network, batchSize, seed ^ batchSize, log, declaration.ClassName).Run();
                DatasetCheck.Run(network, seed, log, declaration.ClassName);
            }
            catch (Exception failure) when (failure is XunitException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"{failure.Message}\n{declaration.Source}");
            }
        }

        output.WriteLine($"compared in {clock.ElapsedMilliseconds} ms; worst relative errors:\n{log}");
        if (failures.Count > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{failures.Count} of {Count} random networks differ from the interpreter; seed {seed} (replay with {SeedVariable}={seed}).\n\n");
            foreach (string failure in failures.Take(10))
                message.Append(failure).Append('\n');
            throw new XunitException(message.ToString());
        }
    }
}
