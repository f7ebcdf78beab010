using System;
using System.Collections.Generic;
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
/// 60 random declarations per run (<see cref="RandomDeclaration"/>: every activation, loss, reduction, bias setting,
/// widths 1-40), compiled in-process with the generator, each held to the interpreter's Hessian-vector product by
/// <see cref="HessianCheck"/> at batch sizes 1, odd and MaxBatch: 48 from fixed seeds, 12 from the daily seed, which is
/// printed (<see cref="RandomSeeds"/>; <see cref="RandomNetworkTests.SeedVariable"/> replays a day).
/// </summary>
public sealed class RandomNetworkHessianTests(ITestOutputHelper output)
{
    private const int Count = 60;

    [Fact]
    public void RandomDeclarations_HessianVectorProduct_MatchesInterpreter()
    {
        int seed = RandomSeeds.Daily;
        string seeds = RandomSeeds.Describe(seed);
        output.WriteLine(seeds);
        (RandomDeclaration Declaration, int Seed)[] drawn = RandomSeeds.Draw(Count, seed);
        RandomDeclaration[] declarations = drawn.Select(d => d.Declaration).ToArray();
        string source = "namespace NetGen.RandomHessianNetworks;\n\n" + string.Join("\n", declarations.Select(d => d.Source));

        using var compiler = new InProcessCompiler();
        Assembly assembly;
        try
        {
            assembly = compiler.Compile(source, "NetGen.RandomHessianNetworks" + seed.ToString(CultureInfo.InvariantCulture));
        }
        catch (InvalidOperationException failure)
        {
            throw new XunitException($"{seeds}: {failure.Message}\n\n{source}");
        }

        var failures = new List<string>();
        var log = new ErrorLog();
        foreach ((RandomDeclaration declaration, int drawnBy) in drawn)
        {
            Type type = assembly.GetType("NetGen.RandomHessianNetworks." + declaration.ClassName, throwOnError: true)!;
            try
            {
                var network = (INetwork)Activator.CreateInstance(type)!;
                foreach (int batchSize in Networks.NetworkBank.BatchSizes(network.Spec.MaxBatch))
                    new HessianCheck(network, batchSize, drawnBy ^ (batchSize * 7919), log, declaration.ClassName).Run();
            }
            catch (Exception failure) when (failure is XunitException or ArgumentException or InvalidOperationException)
            {
                failures.Add($"{failure.Message}\n{declaration.Source}");
            }
        }

        output.WriteLine($"worst relative errors over {Count} networks:\n{log}");
        if (failures.Count > 0)
        {
            var message = new StringBuilder();
            message.Append(CultureInfo.InvariantCulture, $"{failures.Count} of {Count} random networks' H v differ from the interpreter; {seeds}.\n\n");
            foreach (string failure in failures.Take(10))
                message.Append(failure).Append('\n');
            throw new XunitException(message.ToString());
        }
    }
}
