using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NetGen.Samples.Tests;

public sealed partial class CourseSampleTests
{
    [Fact]
    public void Dosage_ReproducesTheNotesWalkThrough_AndFitsTheThreePoints()
    {
        var result = SampleProcess.Run("NetGen.Samples.Dosage", TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);

        // The notes: b3 = 0 -> slope -15.7; b3 = 1.57 -> slope -6.26; b3 = 2.19; settles near 2.61.
        string[] rows = result.Output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.Contains("dSSR", StringComparison.Ordinal)).ToArray();
        double[] b3 = rows.Select(r => Cell(r, 1)).ToArray();
        double[] slope = rows.Select(r => Cell(r, 2)).ToArray();
        Assert.Equal(0.0, b3[0], 3);
        Assert.Equal(-15.7, slope[0], 1);
        Assert.Equal(1.57, b3[1], 2);
        Assert.Equal(-6.26, slope[1], 2);
        Assert.Equal(2.19, b3[2], 2);
        Assert.Equal(2.61, b3[^1], 2);

        double finalSsr = double.Parse(FinalSsr().Match(result.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(finalSsr < 1e-3, "the full fit should pass near all three points: " + result.Output);
    }

    [Fact]
    public void AffineRelu_GradientsEqualTheHandDerivedChainRule_AndTheFitImproves()
    {
        var result = SampleProcess.Run("NetGen.Samples.AffineRelu", TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        double[] errors = EpochError().Matches(result.Output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(errors.Length >= 2);
        Assert.True(errors[^1] < errors[0] / 4, result.Output);
    }

    private static double Cell(string row, int index) =>
        double.Parse(row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[index], CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Final sum of squared residuals: ([0-9.Ee+-]+)")]
    private static partial Regex FinalSsr();

    [GeneratedRegex(@"epoch\s+\d+: mean squared error ([0-9.]+)")]
    private static partial Regex EpochError();
}
