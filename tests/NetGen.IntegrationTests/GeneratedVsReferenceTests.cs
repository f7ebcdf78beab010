using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// The declared networks against the reference interpreter: outputs, loss, every gradient, the input gradient and the
/// parameters after five SGD steps (ApplySgd and TrainBatch), for batch sizes 1, odd and MaxBatch.
/// </summary>
public sealed class GeneratedVsReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (object[] item in NetworkBank.Cases())
            data.Add((string)item[0], (int)item[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeclaredNetwork_MatchesInterpreter(string name, int batchSize)
    {
        var log = new ErrorLog();
        new ReferenceCheck(NetworkBank.Create(name), batchSize, seed: name.Length * 1000 + batchSize, log, name).Run();
        output.WriteLine(log.ToString());
    }
}
