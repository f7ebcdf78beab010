using System;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;
using Xunit.Abstractions;

namespace NetGen.IntegrationTests;

/// <summary>
/// The Hessian-vector product allocates its R-buffers on the first call and nothing after that, for a classifier and
/// a regressor with smooth layers.
/// </summary>
public sealed class HessianAllocationTests(ITestOutputHelper output)
{
    private const int WarmUpCalls = 20, MeasuredCalls = 10;

    [Fact]
    public void HessianVectorProduct_AfterTheFirstCall_AllocatesNothing()
    {
        var classifier = new MnistMlp();
        classifier.Initialize(1);
        Batch digits = Batch.Draw(MnistMlp.Spec, MnistMlp.MaxBatch, new Random(1));
        float[] v = new float[MnistMlp.ParameterCount], hv = new float[MnistMlp.ParameterCount];
        v.AsSpan().Fill(1e-3f);
        byte[] bytes = digits.ByteLabels;
        AssertNoAllocation("HessianVectorProduct (int)", () => classifier.HessianVectorProduct(digits.Inputs, digits.Labels, digits.Rows, v, hv));
        AssertNoAllocation("HessianVectorProduct (byte)", () => classifier.HessianVectorProduct(digits.Inputs, bytes, digits.Rows, v, hv));

        var regressor = new DeepTanhSigmoid();
        regressor.Initialize(1);
        Batch rows = Batch.Draw(DeepTanhSigmoid.Spec, DeepTanhSigmoid.MaxBatch, new Random(2));
        float[] u = new float[DeepTanhSigmoid.ParameterCount], hu = new float[DeepTanhSigmoid.ParameterCount];
        u.AsSpan().Fill(1e-2f);
        AssertNoAllocation("HessianVectorProduct (float)", () => regressor.HessianVectorProduct(rows.Inputs, rows.Targets, rows.Rows, u, hu));
    }

    private void AssertNoAllocation(string what, Action call)
    {
        for (int i = 0; i < WarmUpCalls; i++)
            call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < MeasuredCalls; i++)
            call();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{what}: {allocated} bytes over {MeasuredCalls} calls");
        Assert.True(allocated == 0, $"{what} allocated {allocated} bytes over {MeasuredCalls} calls after warm-up.");
    }
}
