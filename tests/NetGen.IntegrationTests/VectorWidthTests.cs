using System.Collections.Generic;
using NetGen.IntegrationTests.Children;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// The generated-versus-interpreter comparison of every declared network at each <c>Vector&lt;float&gt;</c> width,
/// each in a child process started with the runtime settings that select it. A child that cannot get the width asked
/// for fails the test with the reason (it does not pass silently).
/// </summary>
public sealed class VectorWidthTests(ITestOutputHelper output)
{
    [Fact]
    public void Width4_128BitVectors_MatchInterpreter() =>
        RunAt(4, new Dictionary<string, string> { ["DOTNET_MaxVectorTBitWidth"] = "128" });

    [Fact]
    public void Width8_DefaultVectors_MatchInterpreter() =>
        RunAt(8, new Dictionary<string, string> { ["DOTNET_MaxVectorTBitWidth"] = "256" });

    [Fact]
    public void Width16_512BitVectors_MatchInterpreter() =>
        RunAt(16, new Dictionary<string, string> { ["DOTNET_MaxVectorTBitWidth"] = "512", ["DOTNET_PreferredVectorBitWidth"] = "512" });

    private void RunAt(int lanes, Dictionary<string, string> environment)
    {
        (int exitCode, string text) = ChildProcess.Run(environment, ChildProgram.CompareMode, lanes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        output.WriteLine(text);
        Assert.True(exitCode != ChildProgram.WrongWidth, text);
        Assert.True(exitCode == 0, $"The comparison at Vector<float>.Count = {lanes} failed (exit code {exitCode}):\n{text}");
        Assert.Contains("Vector<float>.Count=" + lanes, text, System.StringComparison.Ordinal);
    }
}
