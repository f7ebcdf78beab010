using System;
using System.IO;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// The files numpy wrote (see Fixtures/make_fixtures.py) and the values they hold, recomputed here the same way.
/// The network is <see cref="TestSpecs.TwoLayer"/>: W1 (3, 4), b1 (4,), W2 (4, 2).
/// </summary>
internal static class NumpyFixtures
{
    public static string PathOf(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Checkpoints", "Fixtures", name);
        Assert.True(File.Exists(path), $"Fixture {path} is missing; is Checkpoints/Fixtures/** copied to the output folder?");
        return path;
    }

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    /// <summary>W1[k] = k/8 - 0.75 over the flat C-order index k.</summary>
    public static float[] W1 => Build(12, k => k / 8f - 0.75f);

    /// <summary>b1[k] = 0.5 k - 1.</summary>
    public static float[] B1 => Build(4, k => k * 0.5f - 1f);

    /// <summary>W2[k] = 1 - k/4.</summary>
    public static float[] W2 => Build(8, k => 1f - k / 4f);

    /// <summary>The whole parameter buffer of the float32 fixtures: W1, b1, W2.</summary>
    public static float[] Parameters => [.. W1, .. B1, .. W2];

    /// <summary>The float64 fixture rounded to float: W1[k] = (k+1)*0.1, b1[k] = (k+1)*-0.3, W2[k] = (k+1)*0.7/3.</summary>
    public static float[] ParametersFromFloat64 =>
    [
        .. Build(12, k => (float)((k + 1) * 0.1)),
        .. Build(4, k => (float)((k + 1) * -0.3)),
        .. Build(8, k => (float)((k + 1) * 0.7 / 3)),
    ];

    private static float[] Build(int count, Func<int, float> value)
    {
        var values = new float[count];
        for (int k = 0; k < count; k++) values[k] = value(k);
        return values;
    }
}
