using System;
using System.IO;

namespace NetGen.Tests.Checkpoints;

internal static class CheckpointAssert
{
    /// <summary>
    /// Asserts that <paramref name="load"/> throws <see cref="InvalidDataException"/> whose message contains every
    /// key word (ordinal, case-sensitive), and that <paramref name="target"/> is unchanged bit for bit.
    /// </summary>
    public static InvalidDataException RejectsUnchanged(float[] target, Action load, params string[] keywords)
    {
        float[] before = (float[])target.Clone();
        InvalidDataException ex = Assert.Throws<InvalidDataException>(load);
        foreach (string keyword in keywords)
            Assert.True(ex.Message.Contains(keyword, StringComparison.Ordinal), $"The message does not contain \"{keyword}\": {ex.Message}");
        ParameterValues.AssertBitsEqual(before, target);
        return ex;
    }
}
