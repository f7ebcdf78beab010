using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen.Reporting;
using NetGen.Specification;

namespace NetGen.Tests.Reporting;

public sealed class TrainingReportTests
{
    [Fact]
    public void Epochs_must_increase_and_carry_one_norm_per_layer()
    {
        var report = new TrainingReport("t", ReportFixtures.Spec);
        report.AddEpoch(new EpochRecord(1, 1, 0.5, 1, 0.5, 1));
        Assert.Throws<ArgumentException>(() => report.AddEpoch(new EpochRecord(1, 1, 0.5, 1, 0.5, 1)));
        Assert.Throws<ArgumentException>(() => report.AddEpoch(new EpochRecord(2, 1, 0.5, 1, 0.5, -1)));
        var e = Assert.Throws<ArgumentException>(() => report.AddEpoch(new EpochRecord(2, 1, 0.5, 1, 0.5, 1) { GradientNorms = [1.0] }));
        Assert.Contains("2 layers", e.Message, StringComparison.Ordinal);
        Assert.False(report.HasGradientNorms);

        double[] norms = [1.0, 2.0];
        EpochRecord stored = report.AddEpoch(new EpochRecord(2, 1, 0.5, 1, 0.5, 1) { GradientNorms = norms });
        norms[0] = 99;
        Assert.Equal(1.0, stored.GradientNorms![0]);
        Assert.True(report.HasGradientNorms);
        Assert.Equal(2, report.Epochs.Count);
    }

    [Fact]
    public void AddEpoch_from_evaluations_numbers_the_epochs()
    {
        var report = new TrainingReport("t", ReportFixtures.Spec);
        EpochRecord first = report.AddEpoch(new Evaluation(0.3, 0.08, 60000, 4800), new Evaluation(0.25, 0.07, 10000, 700), TimeSpan.FromSeconds(2.5));
        EpochRecord second = report.AddEpoch(new Evaluation(0.2, 0.05, 60000, 3000), new Evaluation(0.2, 0.06, 10000, 600), TimeSpan.FromSeconds(2), [0.1, 0.2]);
        Assert.Equal(new EpochRecord(1, 0.3, 0.08, 0.25, 0.07, 2.5), first);
        Assert.Equal(2, second.Epoch);
        Assert.Equal([0.1, 0.2], second.GradientNorms!);
    }

    [Fact]
    public void Hyperparameters_keep_their_order_replace_by_name_and_format_invariantly()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = comma;
        try
        {
            var report = new TrainingReport("t", ReportFixtures.Spec)
                .AddHyperparameter("learning rate", 0.2f)
                .AddHyperparameter("batch size", 100)
                .AddHyperparameter("data set", "MNIST")
                .AddHyperparameter("batch size", 50);
            Assert.Equal(
                new[] { new KeyValuePair<string, string>("learning rate", "0.2"), new("batch size", "50"), new("data set", "MNIST") },
                report.Hyperparameters);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Results_and_class_names_must_fit_the_network()
    {
        var report = new TrainingReport("t", ReportFixtures.Spec);
        var threeClasses = new ClassificationResults(new ConfusionMatrix(3), []);
        Assert.Throws<ArgumentException>(() => report.TestResults = threeClasses);
        Assert.Throws<ArgumentException>(() => report.ClassNames = ["a", "b"]);
        Assert.Throws<ArgumentException>(() => report.ClassNames = ["a", "b", "c", "d", "e", "f", "g", "h", "i", " "]);
        Assert.Throws<ArgumentException>(() => new TrainingReport(" ", ReportFixtures.Spec));
    }

    [Fact]
    public void Class_names_label_the_matrix_rows_and_the_digits()
    {
        string[] names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
        var data = ReportFixtures.DataSet(40);
        int[] predictions = ReportFixtures.Script(data.Labels, i => i == 5);
        TrainingReport report = ReportFixtures.Report(results: ClassificationResults.Evaluate(new ScriptedClassifier(ReportFixtures.Spec, predictions), data));
        report.ClassNames = names;
        string html = HtmlReportWriter.Render(report);
        Assert.Contains("truth Sandal \u2192 Shirt", html, StringComparison.Ordinal); // row 5: label 5, scripted as (5 * 3 + 1) mod 10 = 6
        Assert.Contains(">Ankle boot 9<", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GradientNorms_are_the_l2_norm_of_each_layer_weights_and_bias()
    {
        var spec = new NetworkSpec(2, [new LayerDeclaration(2, Activation.ReLU, Bias: true), new LayerDeclaration(2, Bias: false)]);
        float[] gradients = [3, 0, 0, 4, 0, 12, 1, 1, 1, 1];
        Assert.Equal([13.0, 2.0], GradientNorms.PerLayer(spec, gradients));
        Assert.Throws<ArgumentException>(() => GradientNorms.PerLayer(spec, new float[9]));
    }
}
