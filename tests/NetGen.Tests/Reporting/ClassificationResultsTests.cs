using System;
using System.Linq;
using NetGen.Data;
using NetGen.Reporting;
using NetGen.Specification;

namespace NetGen.Tests.Reporting;

public sealed class ClassificationResultsTests
{
    [Fact]
    public void Counts_every_row_in_chunks_and_keeps_the_first_misclassified_in_order()
    {
        ImageDataSet data = ReportFixtures.DataSet(2345);
        int[] predictions = ReportFixtures.Script(data.Labels, i => i % 11 == 5);
        var classifier = new ScriptedClassifier(ReportFixtures.Spec, predictions);

        ClassificationResults results = ClassificationResults.Evaluate(classifier, data, maxExamples: 12);

        Assert.Equal([1000, 1000, 345], classifier.PredictCalls);
        Assert.Equal(2345, results.Count);
        int wrong = Enumerable.Range(0, 2345).Count(i => i % 11 == 5);
        Assert.Equal(wrong, results.Errors);
        Assert.Equal((double)wrong / 2345, results.ErrorRate);
        for (int t = 0; t < 10; t++)
        {
            for (int p = 0; p < 10; p++)
                Assert.Equal(Enumerable.Range(0, 2345).Count(i => data.Labels[i] == t && predictions[i] == p), results.Confusion[t, p]);
        }

        Assert.Equal(Enumerable.Range(0, 2345).Where(i => i % 11 == 5).Take(12), results.Misclassified.Select(m => m.Index));
        MisclassifiedExample first = results.Misclassified[0];
        Assert.Equal((5, data.Labels[5], predictions[5]), (first.Index, first.Truth, first.Prediction));
        Assert.Equal((28, 28), (first.Rows, first.Columns));
        Assert.True(data.Image(5).SequenceEqual(first.Pixels));
    }

    [Fact]
    public void Zero_examples_and_an_empty_data_set_work()
    {
        ImageDataSet data = ReportFixtures.DataSet(50);
        var classifier = new ScriptedClassifier(ReportFixtures.Spec, ReportFixtures.Script(data.Labels, _ => true));
        ClassificationResults none = ClassificationResults.Evaluate(classifier, data, maxExamples: 0);
        Assert.Equal(50, none.Errors);
        Assert.Empty(none.Misclassified);

        ClassificationResults empty = ClassificationResults.Evaluate(classifier, ReportFixtures.DataSet(0));
        Assert.Equal(0, empty.Count);
        Assert.True(double.IsNaN(empty.ErrorRate));
    }

    [Fact]
    public void Bad_inputs_and_bad_predictions_are_reported()
    {
        ImageDataSet data = ReportFixtures.DataSet(20);
        var other = new NetworkSpec(16, [new LayerDeclaration(10)]);
        var e = Assert.Throws<ArgumentException>(() => ClassificationResults.Evaluate(new ScriptedClassifier(other, new int[20]), data));
        Assert.Contains("16 inputs", e.Message, StringComparison.Ordinal);

        var three = new NetworkSpec(784, [new LayerDeclaration(3)]);
        e = Assert.Throws<ArgumentException>(() => ClassificationResults.Evaluate(new ScriptedClassifier(three, new int[20]), data));
        Assert.Contains("Label 3 of row 3", e.Message, StringComparison.Ordinal);

        int[] predictions = ReportFixtures.Script(data.Labels, _ => false);
        predictions[7] = 10;
        var bad = Assert.Throws<InvalidOperationException>(() => ClassificationResults.Evaluate(new ScriptedClassifier(ReportFixtures.Spec, predictions), data));
        Assert.Contains("class 10 for row 7", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassificationResults.Evaluate(new ScriptedClassifier(ReportFixtures.Spec, predictions), data, -1));
    }

    [Fact]
    public void Hand_built_results_are_checked()
    {
        var matrix = new ConfusionMatrix(3);
        matrix.Add(0, 0);
        matrix.Add(1, 2);
        Assert.Equal((2, 1, 1), (matrix.Total, matrix.Correct, matrix.Errors));
        Assert.Equal(1, matrix.TruthCount(1));
        Assert.Equal(1, matrix.PredictionCount(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => matrix.Add(3, 0));

        float[] pixels = new float[4];
        var right = new MisclassifiedExample(0, pixels, 2, 2, 1, 1);
        Assert.Throws<ArgumentException>(() => new ClassificationResults(matrix, [right]));
        var wrong = new MisclassifiedExample(1, pixels, 2, 2, 1, 2);
        Assert.Single(new ClassificationResults(matrix, [wrong]).Misclassified);
        Assert.Throws<ArgumentException>(() => new ClassificationResults(matrix, [wrong, wrong]));
        Assert.Throws<ArgumentException>(() => new MisclassifiedExample(0, pixels, 3, 2, 0, 1));
    }
}
