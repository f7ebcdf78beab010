using System;
using NetGen.IntegrationTests.Networks;
using NetGen.IntegrationTests.Verification;

namespace NetGen.IntegrationTests;

/// <summary>
/// Evaluate and Predict refuse NaN and infinite inputs with an <see cref="ArgumentException"/> naming the row and
/// column, before writing anything: a NaN input would give a NaN loss, or through ReLU's max a finite output and a class
/// that means nothing.
/// </summary>
public sealed class NonFiniteInputTests
{
    public static TheoryData<float> NonFinite => new() { float.NaN, float.PositiveInfinity, float.NegativeInfinity };

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Evaluate_WithANonFiniteInput_Throws_NamingRowAndColumn(float bad)
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 150, new Random(6));
        data.Inputs[123 * 784 + 45] = bad;

        var error = Assert.Throws<ArgumentException>(() => network.Evaluate(data.Inputs, data.Labels, data.Rows));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains($"row 123, column 45", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(NonFinite))]
    public void Predict_WithANonFiniteInput_Throws_AndWritesNoPrediction(float bad)
    {
        var network = new MnistMlp();
        network.Initialize(1);
        Batch data = Batch.Draw(MnistMlp.Spec, 7, new Random(6));
        data.Inputs[6 * 784 + 783] = bad;
        int[] predictions = [-1, -1, -1, -1, -1, -1, -1];

        var error = Assert.Throws<ArgumentException>(() => network.Predict(data.Inputs, predictions, data.Rows));

        Assert.Contains("row 6, column 783", error.Message, StringComparison.Ordinal);
        Assert.All(predictions, p => Assert.Equal(-1, p));
    }

    [Fact]
    public void Predict_OfARegressor_WithANonFiniteInput_Throws_AndWritesNothing()
    {
        var network = new AffineReluAffine();
        network.Initialize(1);
        Batch data = Batch.Draw(AffineReluAffine.Spec, 3, new Random(6));
        data.Inputs[0] = float.NaN;
        float[] outputs = new float[3 * AffineReluAffine.OutputSize];
        Array.Fill(outputs, 42f);

        Assert.Throws<ArgumentException>(() => network.Predict(data.Inputs, outputs, data.Rows));
        Assert.All(outputs, o => Assert.Equal(42f, o));
    }

    [Fact]
    public void FiniteInputs_AtEveryPositionOfAVector_AreAllChecked()
    {
        // The check runs a vector loop and a scalar tail: a NaN in any lane, or in the tail, is found.
        var network = new AffineReluAffine(); // 6 inputs per row
        network.Initialize(1);
        float[] outputs = new float[5 * AffineReluAffine.OutputSize];
        for (int position = 0; position < 5 * 6; position++)
        {
            Batch data = Batch.Draw(AffineReluAffine.Spec, 5, new Random(position));
            data.Inputs[position] = float.NaN;
            var error = Assert.Throws<ArgumentException>(() => network.Predict(data.Inputs, outputs, 5));
            Assert.Contains($"row {position / 6}, column {position % 6}", error.Message, StringComparison.Ordinal);
        }
    }
}
