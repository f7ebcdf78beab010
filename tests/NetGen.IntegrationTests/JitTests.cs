using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.IntegrationTests.Children;
using NetGen.IntegrationTests.Networks;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// Every generated method of the 784-400-10 network is compiled with full optimization: run in a child process
/// with tiering off (so each method is compiled once, optimized unless the JIT gives up) and the JIT's method
/// summary on, and fail on any generated method listed as MinOpts or Tier0.
/// </summary>
public sealed class JitTests(ITestOutputHelper output)
{
    [Fact]
    public void Mnist400_EveryGeneratedMethod_IsFullyOptimized()
    {
        string summary = Path.Combine(Path.GetTempPath(), $"netgen-jit-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
        try
        {
            (int exitCode, string text) = ChildProcess.Run(
                new Dictionary<string, string>
                {
                    ["DOTNET_JitStdOutFile"] = summary,
                    ["DOTNET_JitDisasmSummary"] = "1",
                    ["DOTNET_TieredCompilation"] = "0",
                },
                ChildProgram.ExerciseMode);
            Assert.True(exitCode == 0, text);

            // The network's own methods and those of its generated machinery, the nested NetGenCore.
            string surface = typeof(MnistMlp400).FullName + ":";
            string prefix = typeof(MnistMlp400).FullName + "+NetGenCore:";
            string[] compiled = File.ReadAllLines(summary)
                .Where(line => line.Contains(surface, StringComparison.Ordinal) || line.Contains(prefix, StringComparison.Ordinal))
                .ToArray();
            foreach (string line in compiled)
                output.WriteLine(line.Trim());

            // The kernels of every pass must be in the summary, or the check proves nothing.
            foreach (string method in new[] { "ForwardLayer1", "ForwardLayer2", "BackwardLayer1", "BackwardLayer2", "PropagateLayer2", "UpdateLayer1", "UpdateLayer2", "TrainEpoch", "Evaluate" })
                Assert.Contains(compiled, line => line.Contains(prefix + method + "(", StringComparison.Ordinal));
            string[] slow = compiled.Where(line => line.Contains("MinOpts", StringComparison.Ordinal) || line.Contains("Tier0", StringComparison.Ordinal)).ToArray();
            Assert.True(slow.Length == 0, "Compiled without optimization:\n" + string.Join('\n', slow));
            Assert.All(compiled, line => Assert.Contains("[FullOpts", line, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(summary);
        }
    }
}
