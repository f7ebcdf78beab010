using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NetGen.Specification;

namespace NetGen.Reporting;

/// <summary>
/// Builds the report's HTML: one document with inline CSS and inline SVG, no scripts and no external resources.
/// The markup is also well-formed XML (void elements self-closed, only XML's own entities), so tools and tests
/// can read it with an XML parser.
/// </summary>
internal static class HtmlReportRenderer
{
    private const string TrainColor = "#2563eb";
    private const string TestColor = "#ea580c";
    private const string TimeColor = "#64748b";

    private static readonly string[] LayerColors =
        ["#2563eb", "#ea580c", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#a16207", "#db2777", "#475569", "#65a30d"];

    /// <summary>The whole document.</summary>
    public static string Render(TrainingReport report)
    {
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        html.Append("<meta name=\"generator\" content=\"NetGen\"/>\n");
        html.Append(Markup.Culture, $"<title>{Markup.Escape(report.Title)}</title>\n");
        html.Append("<style>\n").Append(ReportStyles.Css).Append("</style>\n</head>\n<body>\n<main>\n");

        AppendHeader(html, report);
        AppendSetup(html, report);
        AppendCharts(html, report);
        AppendTestSet(html, report);
        AppendEpochTable(html, report);

        html.Append("<footer>Written by NetGen. This file is self-contained: no scripts and no external resources.</footer>\n");
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendHeader(StringBuilder html, TrainingReport report)
    {
        IReadOnlyList<EpochRecord> epochs = report.Epochs;
        html.Append("<header>\n");
        html.Append(Markup.Culture, $"<h1>{Markup.Escape(report.Title)}</h1>\n");
        html.Append(Markup.Culture, $"<p class=\"declaration\"><code>{Markup.Escape(report.Spec.ToString())}</code></p>\n");
        html.Append("<dl class=\"stats\">\n");
        Stat(html, "parameters", Markup.Count(report.Spec.ParameterCount), "");
        Stat(html, "epochs", Markup.Count(epochs.Count), "");
        if (epochs.Count > 0)
        {
            EpochRecord lastEpoch = epochs[^1];
            if (HasErrorRates(report))
            {
                Stat(html, "final test error", Markup.Percent(lastEpoch.TestError, 2), "loss " + Markup.Fixed(lastEpoch.TestLoss, 4));
                EpochRecord? best = epochs.Where(e => double.IsFinite(e.TestError)).OrderBy(e => e.TestError).ThenBy(e => e.Epoch).FirstOrDefault();
                if (best is not null)
                    Stat(html, "best test error", Markup.Percent(best.TestError, 2), "epoch " + Markup.Integer(best.Epoch));
                Stat(html, "final train error", Markup.Percent(lastEpoch.TrainError, 2), "loss " + Markup.Fixed(lastEpoch.TrainLoss, 4));
            }
            else
            {
                Stat(html, "final test loss", Markup.Significant(lastEpoch.TestLoss, 4), "");
                Stat(html, "final train loss", Markup.Significant(lastEpoch.TrainLoss, 4), "");
            }

            double total = epochs.Sum(e => e.Seconds);
            Stat(html, "training time", Markup.Duration(total), Markup.Duration(total / epochs.Count) + " per epoch");
        }

        if (report.TestResults is { } results)
            Stat(html, "test images wrong", Markup.Count(results.Errors), "of " + Markup.Count(results.Count));
        html.Append("</dl>\n</header>\n");
    }

    private static void Stat(StringBuilder html, string label, string value, string detail)
    {
        html.Append(Markup.Culture, $"<div class=\"stat\"><dt>{Markup.Escape(label)}</dt><dd>{Markup.Escape(value)}");
        if (detail.Length > 0) html.Append(Markup.Culture, $" <small>{Markup.Escape(detail)}</small>");
        html.Append("</dd></div>\n");
    }

    private static void AppendSetup(StringBuilder html, TrainingReport report)
    {
        html.Append("<section class=\"card setup\">\n<h2>Setup</h2>\n<div class=\"columns\">\n<div>\n<h3>Hyper-parameters</h3>\n");
        if (report.Hyperparameters.Count == 0)
        {
            html.Append("<p class=\"note\">None recorded.</p>\n");
        }
        else
        {
            html.Append("<table class=\"hyperparameters\">\n<tbody>\n");
            foreach (KeyValuePair<string, string> pair in report.Hyperparameters)
                html.Append(Markup.Culture, $"<tr><th scope=\"row\">{Markup.Escape(pair.Key)}</th><td>{Markup.Escape(pair.Value)}</td></tr>\n");
            html.Append("</tbody>\n</table>\n");
        }

        NetworkSpec spec = report.Spec;
        html.Append("</div>\n<div>\n<h3>Layers</h3>\n<table class=\"layers\">\n<thead><tr><th>layer</th><th>shape</th><th>activation</th><th>bias</th><th>weight init</th><th class=\"num\">parameters</th></tr></thead>\n<tbody>\n");
        html.Append(Markup.Culture, $"<tr><td>input</td><td>{spec.InputSize}</td><td></td><td></td><td></td><td class=\"num\"></td></tr>\n");
        foreach (LayerSpec layer in spec.Layers)
        {
            string bias = layer.HasBias ? "yes (" + layer.BiasInit + ")" : "no";
            html.Append(Markup.Culture, $"<tr><td>{layer.Index + 1}</td><td>{layer.Inputs} \u2192 {layer.Units}</td><td>{layer.Activation}</td><td>{bias}</td><td>{layer.WeightInit}</td><td class=\"num\">{Markup.Count(layer.ParameterCount)}</td></tr>\n");
        }

        html.Append(Markup.Culture, $"<tr><th colspan=\"5\">total</th><th class=\"num\">{Markup.Count(spec.ParameterCount)}</th></tr>\n");
        html.Append("</tbody>\n</table>\n");
        html.Append(Markup.Culture, $"<p class=\"note\">Loss: {spec.Loss}, {spec.Reduction.ToString().ToLowerInvariant()} over the batch. Batch buffers hold up to {spec.MaxBatch} rows.</p>\n");
        html.Append("</div>\n</div>\n</section>\n");
    }

    private static void AppendCharts(StringBuilder html, TrainingReport report)
    {
        IReadOnlyList<EpochRecord> epochs = report.Epochs;
        html.Append("<section class=\"card charts\">\n<h2>Training</h2>\n");
        if (epochs.Count == 0)
        {
            html.Append("<p class=\"note\">No epochs were recorded.</p>\n</section>\n");
            return;
        }

        int[] numbers = epochs.Select(e => e.Epoch).ToArray();
        html.Append("<div class=\"columns\">\n");

        var loss = new EpochChart("loss", "Loss per epoch", "mean loss", ScaleChoice.Auto, numbers);
        loss.AddLine(new ChartSeries("train-loss", "train", TrainColor, epochs.Select(e => e.TrainLoss).ToArray()));
        loss.AddLine(new ChartSeries("test-loss", "test", TestColor, epochs.Select(e => e.TestLoss).ToArray()));
        html.Append("<div>").Append(loss.Render()).Append("</div>\n");

        if (HasErrorRates(report))
        {
            var error = new EpochChart("error", "Error rate per epoch", "error rate, %", ScaleChoice.Auto, numbers, "%");
            error.AddLine(new ChartSeries("train-error", "train", TrainColor, epochs.Select(e => e.TrainError * 100).ToArray()));
            error.AddLine(new ChartSeries("test-error", "test", TestColor, epochs.Select(e => e.TestError * 100).ToArray()));
            html.Append("<div>").Append(error.Render()).Append("</div>\n");
        }

        var time = new EpochChart("time", "Time per epoch (total " + Markup.Duration(epochs.Sum(e => e.Seconds)) + ")", "seconds", ScaleChoice.LinearFromZero, numbers);
        time.SetBars(new ChartSeries("seconds", "seconds", TimeColor, epochs.Select(e => e.Seconds).ToArray()));
        html.Append("<div>").Append(time.Render()).Append("</div>\n");

        if (report.HasGradientNorms)
        {
            var norms = new EpochChart("gradient-norms", "Gradient norm per layer", "gradient L2 norm", ScaleChoice.Log, numbers);
            IReadOnlyList<LayerSpec> layers = report.Spec.Layers;
            for (int l = 0; l < layers.Count; l++)
            {
                int layer = l;
                double[] values = epochs.Select(e => e.GradientNorms is { } g ? g[layer] : double.NaN).ToArray();
                string label = "layer " + Markup.Integer(layer + 1) + " (" + Markup.Integer(layers[layer].Inputs) + "\u2192" + Markup.Integer(layers[layer].Units) + ")";
                norms.AddLine(new ChartSeries("gradient-norm-" + Markup.Integer(layer + 1), label, LayerColors[layer % LayerColors.Length], values, Dashed: layer >= LayerColors.Length));
            }

            html.Append("<div>").Append(norms.Render()).Append("</div>\n");
        }

        html.Append("</div>\n</section>\n");
    }

    private static void AppendTestSet(StringBuilder html, TrainingReport report)
    {
        html.Append("<section class=\"card test-results\">\n<h2>Test set</h2>\n");
        if (report.TestResults is not { } results)
        {
            html.Append("<p class=\"note\">No test-set results were recorded.</p>\n</section>\n");
            return;
        }

        html.Append("<div class=\"test-set\">\n<div>").Append(ConfusionMatrixChart.Render(results.Confusion, report.ClassNames));
        html.Append("<p class=\"note fit\">Rows: true class; columns: predicted class; right: the error rate of each true class. Blue: correct, shaded by the class's recall; orange: mistakes, shaded by count.</p>\n</div>\n<div>\n");
        AppendTopConfusions(html, results.Confusion, report.ClassNames);
        html.Append("</div>\n</div>\n");
        AppendMisclassified(html, report, results);
        html.Append("</section>\n");
    }

    /// <summary>The most frequent mistakes, largest first: the cells of the matrix a reader wants named.</summary>
    private static void AppendTopConfusions(StringBuilder html, ConfusionMatrix matrix, IReadOnlyList<string>? classNames)
    {
        const int Shown = 12;
        var cells = new List<(int Truth, int Prediction, int Count)>();
        for (int i = 0; i < matrix.Classes; i++)
            for (int j = 0; j < matrix.Classes; j++)
                if (i != j && matrix[i, j] > 0) cells.Add((i, j, matrix[i, j]));
        cells.Sort((a, b) => b.Count != a.Count ? b.Count.CompareTo(a.Count) : a.Truth != b.Truth ? a.Truth.CompareTo(b.Truth) : a.Prediction.CompareTo(b.Prediction));
        html.Append("<h3>Most frequent mistakes</h3>\n");
        if (cells.Count == 0)
        {
            html.Append("<p class=\"note\">None: every test image was classified correctly.</p>\n");
            return;
        }

        int largest = cells[0].Count;
        html.Append("<table class=\"confusions\">\n<thead><tr><th>true</th><th>predicted</th><th class=\"num\">count</th><th class=\"num\">of errors</th><th></th></tr></thead>\n<tbody>\n");
        foreach ((int truth, int prediction, int count) in cells.Take(Shown))
        {
            double share = (double)count / matrix.Errors;
            string width = Markup.Coordinate(100.0 * count / largest);
            html.Append(Markup.Culture, $"<tr data-truth=\"{truth}\" data-pred=\"{prediction}\"><td>{Markup.Escape(ConfusionMatrixChart.ClassName(truth, classNames))}</td><td>{Markup.Escape(ConfusionMatrixChart.ClassName(prediction, classNames))}</td><td class=\"num\">{Markup.Count(count)}</td><td class=\"num\">{Markup.Percent(share, 1)}</td><td class=\"meter\"><span style=\"width: {width}%\"></span></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (cells.Count > Shown)
            html.Append(Markup.Culture, $"<p class=\"note\">{cells.Count - Shown} more kinds of mistake in the matrix.</p>\n");
    }

    private static void AppendMisclassified(StringBuilder html, TrainingReport report, ClassificationResults results)
    {
        IReadOnlyList<MisclassifiedExample> examples = results.Misclassified;
        string heading = examples.Count == results.Errors
            ? "All " + Markup.Count(results.Errors) + " misclassified test images"
            : "First " + Markup.Count(examples.Count) + " of " + Markup.Count(results.Errors) + " misclassified test images";
        html.Append(Markup.Culture, $"<h3 class=\"digits-heading\">{heading}</h3>\n");
        if (examples.Count == 0)
        {
            html.Append(results.Errors == 0
                ? "<p class=\"note\">Every test image was classified correctly.</p>\n"
                : "<p class=\"note\">No images were kept.</p>\n");
            return;
        }

        html.Append("<div class=\"digits\">\n");
        foreach (MisclassifiedExample example in examples)
        {
            int scale = Math.Max(1, 84 / Math.Max(example.Rows, example.Columns));
            string png = Convert.ToBase64String(GrayscalePng.EncodeInk(example.Pixels, example.Rows, example.Columns));
            string truth = ConfusionMatrixChart.ClassName(example.Truth, report.ClassNames);
            string prediction = ConfusionMatrixChart.ClassName(example.Prediction, report.ClassNames);
            html.Append(Markup.Culture, $"<figure class=\"digit-card\" data-index=\"{example.Index}\" data-truth=\"{example.Truth}\" data-pred=\"{example.Prediction}\">");
            html.Append(Markup.Culture, $"<img class=\"digit\" src=\"data:image/png;base64,{png}\" width=\"{example.Columns * scale}\" height=\"{example.Rows * scale}\" alt=\"test image {example.Index}: true class {Markup.Escape(truth)}, predicted {Markup.Escape(prediction)}\"/>");
            html.Append(Markup.Culture, $"<figcaption>truth {Markup.Escape(truth)} \u2192 {Markup.Escape(prediction)}<span class=\"index\">#{example.Index}</span></figcaption></figure>\n");
        }

        html.Append("</div>\n");
    }

    private static void AppendEpochTable(StringBuilder html, TrainingReport report)
    {
        IReadOnlyList<EpochRecord> epochs = report.Epochs;
        if (epochs.Count == 0) return;
        bool norms = report.HasGradientNorms;
        bool errors = HasErrorRates(report);
        int layers = report.Spec.Layers.Count;
        html.Append("<section class=\"card epochs\">\n<h2>Epochs</h2>\n<div class=\"scroll\">\n<table class=\"epoch-table\">\n<thead><tr><th>epoch</th><th class=\"num\">train loss</th>");
        if (errors) html.Append("<th class=\"num\">train error</th>");
        html.Append("<th class=\"num\">test loss</th>");
        if (errors) html.Append("<th class=\"num\">test error</th>");
        html.Append("<th class=\"num\">time</th>");
        if (norms)
        {
            for (int l = 0; l < layers; l++)
                html.Append(Markup.Culture, $"<th class=\"num\">grad norm {l + 1}</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (EpochRecord e in epochs)
        {
            html.Append(Markup.Culture, $"<tr><td>{e.Epoch}</td><td class=\"num\">{Markup.Fixed(e.TrainLoss, 4)}</td>");
            if (errors) html.Append(Markup.Culture, $"<td class=\"num\">{Markup.Percent(e.TrainError, 2)}</td>");
            html.Append(Markup.Culture, $"<td class=\"num\">{Markup.Fixed(e.TestLoss, 4)}</td>");
            if (errors) html.Append(Markup.Culture, $"<td class=\"num\">{Markup.Percent(e.TestError, 2)}</td>");
            html.Append(Markup.Culture, $"<td class=\"num\">{Markup.Duration(e.Seconds)}</td>");
            if (norms)
            {
                for (int l = 0; l < layers; l++)
                {
                    string text = e.GradientNorms is { } g ? Markup.Significant(g[l], 4) : "";
                    html.Append(Markup.Culture, $"<td class=\"num\">{text}</td>");
                }
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    /// <summary>Whether any epoch has a finite error rate: false for a regressor, whose evaluations report NaN.</summary>
    private static bool HasErrorRates(TrainingReport report) =>
        report.Epochs.Any(e => double.IsFinite(e.TrainError) || double.IsFinite(e.TestError));
}
