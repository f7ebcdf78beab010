using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>Runs an ONNX model in ONNX Runtime (the NuGet package's native library) on one batch of rows.</summary>
internal static class OnnxRuntimeRunner
{
    public static float[] Run(byte[] model, float[] inputs, int rows, int columns, string inputName = "input", string outputName = "output")
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        Assert.Equal(inputName, Assert.Single(session.InputNames));
        Assert.Equal(outputName, Assert.Single(session.OutputNames));

        using OrtValue input = OrtValue.CreateTensorValueFromMemory(inputs, new long[] { rows, columns });
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(runOptions, new[] { inputName }, new[] { input }, new[] { outputName });
        OrtValue output = results.Single();
        long[] shape = output.GetTensorTypeAndShape().Shape;
        Assert.Equal(2, shape.Length);
        Assert.Equal(rows, shape[0]);
        return output.GetTensorDataAsSpan<float>().ToArray();
    }
}
