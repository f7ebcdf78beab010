using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetGen.Data;
using NetGen.Reporting;
using NetGen.Specification;

namespace NetGen.Tests.Reporting;

/// <summary>Data sets, scripted classifiers and reports for the reporting tests, and ways to read a report back.</summary>
internal static partial class ReportFixtures
{
    public const int Classes = 10;

    /// <summary>A 784-32-10 classifier declaration: two layers, so two gradient norms per epoch.</summary>
    public static NetworkSpec Spec { get; } = new(784, [new LayerDeclaration(32, Activation.ReLU), new LayerDeclaration(Classes)]);

    /// <summary>
    /// <paramref name="count"/> images with the row number stamped in the first two pixels (high and low byte, as
    /// <c>byte / 255</c>) and a soft ring elsewhere so that drawn digits are not blank.
    /// </summary>
    public static float[] Images(int count, int rows = 28, int columns = 28)
    {
        var images = new float[count * rows * columns];
        for (int n = 0; n < count; n++)
        {
            Span<float> image = images.AsSpan(n * rows * columns, rows * columns);
            double radius = rows * (0.2 + 0.15 * (n % 5) / 4.0);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++)
                {
                    double d = Math.Sqrt(Math.Pow(r - rows / 2.0, 2) + Math.Pow(c - columns / 2.0, 2));
                    image[r * columns + c] = (float)Math.Max(0, 1 - Math.Abs(d - radius) / 2.0);
                }
            }

            image[0] = (n >> 8) / 255f;
            image[1] = (n & 0xFF) / 255f;
        }

        return images;
    }

    /// <summary>The row number stamped into an image by <see cref="Images"/>.</summary>
    public static int RowOf(ReadOnlySpan<float> image) =>
        (int)MathF.Round(image[0] * 255) * 256 + (int)MathF.Round(image[1] * 255);

    /// <summary>Labels 0, 1, ..., 9, 0, 1, ...</summary>
    public static byte[] Labels(int count) => Enumerable.Range(0, count).Select(i => (byte)(i % Classes)).ToArray();

    /// <summary>A test set of <paramref name="count"/> stamped 28x28 images.</summary>
    public static ImageDataSet DataSet(int count) => new(Images(count), Labels(count), 28, 28);

    /// <summary>The labels, except that the rows for which <paramref name="wrong"/> holds get <c>(label * 3 + 1) mod 10</c> (never the label).</summary>
    public static int[] Script(byte[] labels, Func<int, bool> wrong)
    {
        var predictions = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int p = (labels[i] * 3 + 1) % Classes;
            if (p == labels[i]) p = (p + 1) % Classes;
            predictions[i] = wrong(i) ? p : labels[i];
        }

        return predictions;
    }

    /// <summary>A report with five epochs of plausible numbers (error falling from 12% to about 2%) and, optionally, gradient norms and test results.</summary>
    public static TrainingReport Report(bool gradientNorms = false, ClassificationResults? results = null, int epochs = 5)
    {
        var report = new TrainingReport("MNIST test report, 784-32-10", Spec)
            .AddHyperparameter("data set", "MNIST (stamped fixture)")
            .AddHyperparameter("epochs", epochs)
            .AddHyperparameter("learning rate", 0.2f)
            .AddHyperparameter("batch size", 100)
            .AddHyperparameter("seed", 42UL);
        for (int e = 1; e <= epochs; e++)
        {
            double trainError = 0.12 * Math.Pow(0.6, e - 1);
            var record = new EpochRecord(e, 0.45 * Math.Pow(0.55, e - 1), trainError, 0.40 * Math.Pow(0.7, e - 1) + 0.05, trainError * 1.1 + 0.008, 1.5 + 0.125 * e)
            {
                GradientNorms = gradientNorms ? [2.5 * Math.Pow(0.8, e), 0.75 * Math.Pow(0.7, e)] : null,
            };
            report.AddEpoch(record);
        }

        report.TestResults = results;
        return report;
    }

    /// <summary>Every <c>svg</c> element of the document, each parsed on its own as XML.</summary>
    public static List<XElement> SvgBlocks(string html) =>
        SvgPattern().Matches(html).Select(m => XElement.Parse(m.Value)).ToList();

    /// <summary>The chart with the given <c>data-chart</c> attribute, or null.</summary>
    public static XElement? Chart(string html, string id) =>
        SvgBlocks(html).SingleOrDefault(svg => (string?)svg.Attribute("data-chart") == id);

    /// <summary>Elements with the given name and class anywhere below <paramref name="root"/>.</summary>
    public static IEnumerable<XElement> WithClass(XContainer root, string name, string cssClass) =>
        root.Descendants(name).Where(e => ((string?)e.Attribute("class") ?? "").Split(' ').Contains(cssClass));

    /// <summary>The "x,y" points of a polyline.</summary>
    public static (double X, double Y)[] Points(XElement polyline)
    {
        string points = (string?)polyline.Attribute("points") ?? "";
        return points.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                string[] xy = p.Split(',');
                Assert.Equal(2, xy.Length);
                return (double.Parse(xy[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(xy[1], System.Globalization.CultureInfo.InvariantCulture));
            })
            .ToArray();
    }

    [GeneratedRegex("<svg\\b.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex SvgPattern();
}
