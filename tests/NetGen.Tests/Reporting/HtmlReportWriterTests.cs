using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetGen.Data;
using NetGen.Reporting;
using NetGen.Tests.Data;

namespace NetGen.Tests.Reporting;

public sealed class HtmlReportWriterTests
{
    private const int TestCount = 1234;

    private static readonly string[] Curves = ["train-loss", "test-loss", "train-error", "test-error"];

    /// <summary>1234 stamped images; every seventh row (176 of them) is misclassified.</summary>
    private static (ClassificationResults Results, int[] Predictions, byte[] Labels) ManyWrong()
    {
        ImageDataSet data = ReportFixtures.DataSet(TestCount);
        int[] predictions = ReportFixtures.Script(data.Labels, i => i % 7 == 3);
        return (ClassificationResults.Evaluate(new ScriptedClassifier(ReportFixtures.Spec, predictions), data), predictions, data.Labels);
    }

    private static string WriteAndRead(TrainingReport report)
    {
        using var folder = new TempDirectory();
        string path = HtmlReportWriter.Write(report, folder.File("report.html"));
        Assert.Equal(folder.File("report.html"), path);
        Assert.Equal(["report.html"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
        return File.ReadAllText(path);
    }

    [Fact]
    public void Document_is_well_formed_and_every_svg_parses_as_xml()
    {
        string html = WriteAndRead(ReportFixtures.Report(gradientNorms: true, results: ManyWrong().Results));

        XDocument document = XDocument.Parse(html);
        Assert.Equal("html", document.Root!.Name.LocalName);
        List<XElement> svgs = ReportFixtures.SvgBlocks(html);
        Assert.Equal(html.Split("<svg").Length - 1, svgs.Count);
        Assert.Equal(5, svgs.Count); // loss, error, time, gradient norms, confusion matrix
        Assert.Equal(new[] { "loss", "error", "time", "gradient-norms", "confusion" }, svgs.Select(s => (string?)s.Attribute("data-chart")));
        Assert.Contains("MNIST test report, 784-32-10", html);
        Assert.Contains(ReportFixtures.Spec.ToString().Replace(">", "&gt;", StringComparison.Ordinal), html);
        Assert.Contains(">25,450<", html, StringComparison.Ordinal); // 784*32 + 32 + 32*10 + 10 parameters
        Assert.Equal(25450, ReportFixtures.Spec.ParameterCount);
    }

    [Fact]
    public void Each_curve_is_one_polyline_with_one_point_per_epoch()
    {
        string html = WriteAndRead(ReportFixtures.Report(epochs: 5));
        List<XElement> polylines = ReportFixtures.SvgBlocks(html).SelectMany(s => s.Descendants("polyline")).ToList();

        Assert.Equal(Curves.Order(), polylines.Select(p => (string)p.Attribute("data-series")!).Order());
        foreach (XElement polyline in polylines)
        {
            (double X, double Y)[] points = ReportFixtures.Points(polyline);
            Assert.Equal(5, points.Length);
            Assert.True(points.Zip(points.Skip(1)).All(pair => pair.First.X < pair.Second.X), "x increases with the epoch");
        }

        // Falling losses and errors are drawn falling: larger SVG y is lower on the page.
        foreach (string series in Curves)
        {
            (double X, double Y)[] points = ReportFixtures.Points(polylines.Single(p => (string?)p.Attribute("data-series") == series));
            Assert.True(points[0].Y < points[^1].Y, series);
        }

        XElement time = ReportFixtures.Chart(html, "time")!;
        Assert.Equal(5, ReportFixtures.WithClass(time, "rect", "bar").Count());
    }

    [Fact]
    public void Every_chart_has_a_title_and_axis_labels_that_name_the_scale()
    {
        string html = WriteAndRead(ReportFixtures.Report(gradientNorms: true, results: ManyWrong().Results));
        foreach (XElement svg in ReportFixtures.SvgBlocks(html))
        {
            Assert.Single(ReportFixtures.WithClass(svg, "text", "chart-title"));
            List<XElement> labels = ReportFixtures.WithClass(svg, "text", "axis-label").ToList();
            XElement x = labels.Single(l => (string?)l.Attribute("data-axis") == "x");
            XElement y = labels.Single(l => (string?)l.Attribute("data-axis") == "y");
            Assert.False(string.IsNullOrWhiteSpace(x.Value));
            Assert.False(string.IsNullOrWhiteSpace(y.Value));
            if ((string?)svg.Attribute("data-chart") != "confusion")
            {
                Assert.Matches(@"\((log|linear) scale\)$", y.Value);
                Assert.NotEmpty(svg.Descendants("g").Where(g => (string?)g.Attribute("data-axis") == "y").Elements("text"));
            }
        }

        // Error falling from 12% to 1.5%: the error chart is on a log scale, and says so, with percent ticks.
        XElement error = ReportFixtures.Chart(html, "error")!;
        Assert.Contains("(log scale)", ReportFixtures.WithClass(error, "text", "axis-label").Single(l => (string?)l.Attribute("data-axis") == "y").Value);
        List<string> ticks = error.Descendants("g").Single(g => (string?)g.Attribute("data-axis") == "y").Elements("text").Select(t => t.Value).ToList();
        Assert.Contains("10%", ticks);
        Assert.Contains("2%", ticks);

        // Time from zero on a linear scale.
        XElement time = ReportFixtures.Chart(html, "time")!;
        Assert.Contains("(linear scale)", time.ToString());
    }

    [Fact]
    public void Multi_series_charts_have_a_legend()
    {
        string html = WriteAndRead(ReportFixtures.Report(gradientNorms: true));
        foreach (string id in new[] { "loss", "error", "gradient-norms" })
        {
            XElement chart = ReportFixtures.Chart(html, id)!;
            XElement legend = ReportFixtures.WithClass(chart, "g", "legend").Single();
            Assert.Equal(chart.Descendants("polyline").Count(), legend.Elements("text").Count());
        }
    }

    [Fact]
    public void Confusion_matrix_is_k_by_k_and_matches_the_scripted_predictions()
    {
        (ClassificationResults results, int[] predictions, byte[] labels) = ManyWrong();
        string html = WriteAndRead(ReportFixtures.Report(results: results));
        XElement matrix = ReportFixtures.Chart(html, "confusion")!;
        List<XElement> cells = ReportFixtures.WithClass(matrix, "rect", "cell").ToList();

        Assert.Equal(ReportFixtures.Classes * ReportFixtures.Classes, cells.Count);
        var expected = new int[ReportFixtures.Classes, ReportFixtures.Classes];
        for (int i = 0; i < labels.Length; i++) expected[labels[i], predictions[i]]++;
        var seen = new HashSet<(int, int)>();
        foreach (XElement cell in cells)
        {
            int truth = (int)cell.Attribute("data-truth")!, pred = (int)cell.Attribute("data-pred")!, count = (int)cell.Attribute("data-count")!;
            Assert.True(seen.Add((truth, pred)));
            Assert.Equal(expected[truth, pred], count);
        }

        Assert.Equal(TestCount, cells.Sum(c => (int)c.Attribute("data-count")!));
        List<string> printed = ReportFixtures.WithClass(matrix, "text", "count").Select(t => t.Value).ToList();
        Assert.Equal(cells.Select(c => (string)c.Attribute("data-count")!), printed);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            matrix.Descendants("g").Single(g => (string?)g.Attribute("class") == "class-labels" && (string?)g.Attribute("data-axis") == "x").Elements("text").Select(t => t.Value));
    }

    [Fact]
    public void Shows_the_first_36_misclassified_digits_as_inline_pngs()
    {
        (ClassificationResults results, int[] predictions, byte[] labels) = ManyWrong();
        Assert.True(results.Errors >= 36);
        string html = WriteAndRead(ReportFixtures.Report(results: results));

        XDocument document = XDocument.Parse(html);
        List<XElement> digits = ReportFixtures.WithClass(document, "img", "digit").ToList();
        Assert.Equal(36, digits.Count);
        int[] firstWrong = Enumerable.Range(0, labels.Length).Where(i => predictions[i] != labels[i]).Take(36).ToArray();
        List<XElement> cards = ReportFixtures.WithClass(document, "figure", "digit-card").ToList();
        Assert.Equal(firstWrong, cards.Select(c => (int)c.Attribute("data-index")!));
        for (int n = 0; n < cards.Count; n++)
        {
            int row = firstWrong[n];
            Assert.StartsWith($"truth {labels[row]} \u2192 {predictions[row]}", cards[n].Element("figcaption")!.Value, StringComparison.Ordinal);
            byte[] gray = PngReader.Grayscale(digits[n], out int width, out int height);
            Assert.Equal((28, 28), (width, height));
            // The stamped row number survives the round trip (ink 1 is drawn as 0, ink 0 as 255).
            Assert.Equal(row, (255 - gray[0]) * 256 + (255 - gray[1]));
        }

        Assert.Contains($"First 36 of {results.Errors} misclassified test images", html);
    }

    [Fact]
    public void Shows_every_misclassified_digit_when_fewer_than_36_are_wrong()
    {
        ImageDataSet data = ReportFixtures.DataSet(300);
        int[] wrongRows = [4, 50, 51, 120, 299];
        int[] predictions = ReportFixtures.Script(data.Labels, wrongRows.Contains);
        ClassificationResults results = ClassificationResults.Evaluate(new ScriptedClassifier(ReportFixtures.Spec, predictions), data);
        string html = WriteAndRead(ReportFixtures.Report(results: results));

        XDocument document = XDocument.Parse(html);
        Assert.Equal(5, ReportFixtures.WithClass(document, "img", "digit").Count());
        Assert.Equal(wrongRows, ReportFixtures.WithClass(document, "figure", "digit-card").Select(c => (int)c.Attribute("data-index")!));
        Assert.Contains("All 5 misclassified test images", html);
    }

    [Fact]
    public void Nothing_external_no_scripts_no_urls()
    {
        string html = WriteAndRead(ReportFixtures.Report(gradientNorms: true, results: ManyWrong().Results));

        foreach (string forbidden in new[] { "http:", "https:", "<script", "<link", "@import", "<iframe", "<object", "<embed", "ftp:", "file:" })
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex(@"\burl\(\s*['""]?(?!data:)", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"=\s*[""']?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"\bon[a-z]+\s*=", RegexOptions.IgnoreCase), html);

        XDocument document = XDocument.Parse(html);
        List<string> references = document.Descendants()
            .SelectMany(e => e.Attributes())
            .Where(a => a.Name.LocalName is "src" or "href" or "xlink:href" or "srcset" or "action" or "poster" or "background")
            .Select(a => a.Value)
            .ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.StartsWith("data:image/png;base64,", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Gradient_norm_chart_appears_only_when_norms_are_given()
    {
        string without = WriteAndRead(ReportFixtures.Report(gradientNorms: false));
        Assert.Null(ReportFixtures.Chart(without, "gradient-norms"));
        Assert.DoesNotContain("gradient-norm", without, StringComparison.Ordinal);

        string with = WriteAndRead(ReportFixtures.Report(gradientNorms: true));
        XElement chart = ReportFixtures.Chart(with, "gradient-norms")!;
        List<XElement> polylines = chart.Descendants("polyline").ToList();
        Assert.Equal(new[] { "gradient-norm-1", "gradient-norm-2" }, polylines.Select(p => (string?)p.Attribute("data-series")));
        Assert.All(polylines, p => Assert.Equal(5, ReportFixtures.Points(p).Length));
        Assert.EndsWith("(log scale)", ReportFixtures.WithClass(chart, "text", "axis-label").Single(l => (string?)l.Attribute("data-axis") == "y").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_finite_values_are_left_out_of_the_curves_and_the_chart_says_so()
    {
        TrainingReport report = ReportFixtures.Report(epochs: 3);
        report.AddEpoch(new EpochRecord(4, double.NaN, 0.5, double.PositiveInfinity, 0.9, 2));
        string html = WriteAndRead(report);

        XElement loss = ReportFixtures.Chart(html, "loss")!;
        Assert.All(loss.Descendants("polyline"), p => Assert.Equal(3, ReportFixtures.Points(p).Length));
        Assert.Contains("2 values not shown", loss.ToString(), StringComparison.Ordinal);
        XElement error = ReportFixtures.Chart(html, "error")!;
        Assert.All(error.Descendants("polyline"), p => Assert.Equal(4, ReportFixtures.Points(p).Length));
        Assert.Contains(">NaN<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_epochs_or_results_still_renders()
    {
        string html = WriteAndRead(new TrainingReport("empty", ReportFixtures.Spec));
        XDocument.Parse(html);
        Assert.Empty(ReportFixtures.SvgBlocks(html));
        Assert.Contains("No epochs were recorded.", html, StringComparison.Ordinal);
        Assert.Contains("No test-set results were recorded.", html, StringComparison.Ordinal);

        TrainingReport single = new TrainingReport("one epoch", ReportFixtures.Spec);
        single.AddEpoch(new EpochRecord(1, 0.3, 0.08, 0.28, 0.075, 3.2));
        string one = WriteAndRead(single);
        Assert.All(ReportFixtures.SvgBlocks(one).SelectMany(s => s.Descendants("polyline")), p => Assert.Single(ReportFixtures.Points(p)));
    }

    [Fact]
    public void A_regressor_without_error_rates_gets_no_error_chart()
    {
        var spec = new NetGen.Specification.NetworkSpec(1, [new(2, Activation.Softplus), new(1)], Loss.SquaredError, Reduction.Sum);
        var report = new TrainingReport("dosage", spec);
        for (int e = 1; e <= 4; e++) report.AddEpoch(new EpochRecord(e, 1.0 / e, double.NaN, 1.2 / e, double.NaN, 0.01));
        string html = WriteAndRead(report);
        Assert.Null(ReportFixtures.Chart(html, "error"));
        Assert.NotNull(ReportFixtures.Chart(html, "loss"));
        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("error rate", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_escaped()
    {
        TrainingReport report = new TrainingReport("<b>A & B</b> \"quoted\"", ReportFixtures.Spec)
            .AddHyperparameter("note <x>", "1 < 2 & 3 > 2");
        string html = HtmlReportWriter.Render(report);
        XDocument.Parse(html);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;A &amp; B&lt;/b&gt; &quot;quoted&quot;", html, StringComparison.Ordinal);
        Assert.Contains("1 &lt; 2 &amp; 3 &gt; 2", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_bytes_under_a_german_culture_as_under_the_invariant_culture()
    {
        (ClassificationResults results, _, _) = ManyWrong();
        CultureInfo german = GermanCulture();
        Assert.Equal("1.234,5", 1234.5.ToString("N1", german)); // the culture really differs
        Assert.Equal("0,2", 0.2f.ToString(german));

        byte[] Run(CultureInfo culture)
        {
            CultureInfo culture0 = CultureInfo.CurrentCulture, ui0 = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            try
            {
                TrainingReport report = ReportFixtures.Report(gradientNorms: true, results: results);
                report.AddEpoch(new EpochRecord(6, 0.0123456, 0.0101, double.NaN, 0.0199, 61.25) { GradientNorms = [1234.5, -0.5] });
                using var folder = new TempDirectory();
                return File.ReadAllBytes(HtmlReportWriter.Write(report, folder.File("report.html")));
            }
            finally
            {
                CultureInfo.CurrentCulture = culture0;
                CultureInfo.CurrentUICulture = ui0;
            }
        }

        byte[] invariant = Run(CultureInfo.InvariantCulture);
        byte[] underGerman = Run(german);
        Assert.Equal(invariant, underGerman);
        string html = System.Text.Encoding.UTF8.GetString(invariant);
        Assert.Contains("<td>0.2</td>", html, StringComparison.Ordinal);
        Assert.Contains("1 min 01 s", html, StringComparison.Ordinal);
        Assert.DoesNotContain("n. def.", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// de-DE as the machine would have it. The repository builds with invariant globalization, where
    /// <c>de-DE</c> may not exist or carries invariant data, so its number format is set to German conventions
    /// by hand (decimal comma, dot for thousands, a typographic minus and a German NaN).
    /// </summary>
    private static CultureInfo GermanCulture()
    {
        CultureInfo culture;
        try
        {
            culture = new CultureInfo("de-DE");
        }
        catch (CultureNotFoundException)
        {
            culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        }

        NumberFormatInfo format = culture.NumberFormat;
        format.NumberDecimalSeparator = ",";
        format.NumberGroupSeparator = ".";
        format.PercentDecimalSeparator = ",";
        format.PercentGroupSeparator = ".";
        format.CurrencyDecimalSeparator = ",";
        format.CurrencyGroupSeparator = ".";
        format.NegativeSign = "\u2212";
        format.NaNSymbol = "n. def.";
        format.PositiveInfinitySymbol = "+unendlich";
        return culture;
    }
}
