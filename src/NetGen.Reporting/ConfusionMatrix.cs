using System;
using System.Globalization;

namespace NetGen.Reporting;

/// <summary>Counts of (true class, predicted class) pairs over a data set: rows are the truth, columns the prediction.</summary>
public sealed class ConfusionMatrix
{
    private readonly int[] _counts;

    /// <summary>An empty matrix for <paramref name="classes"/> classes.</summary>
    /// <param name="classes">The number of classes, at least 2.</param>
    public ConfusionMatrix(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 1024);
        Classes = classes;
        _counts = new int[classes * classes];
    }

    /// <summary>The number of classes K; the matrix is K x K.</summary>
    public int Classes { get; }

    /// <summary>The number of rows of class <paramref name="truth"/> predicted as <paramref name="prediction"/>.</summary>
    /// <param name="truth">The true class, the row.</param>
    /// <param name="prediction">The predicted class, the column.</param>
    public int this[int truth, int prediction]
    {
        get
        {
            CheckClass(truth, nameof(truth));
            CheckClass(prediction, nameof(prediction));
            return _counts[truth * Classes + prediction];
        }
    }

    /// <summary>The number of rows counted.</summary>
    public int Total { get; private set; }

    /// <summary>The number of rows on the diagonal (predicted correctly).</summary>
    public int Correct { get; private set; }

    /// <summary>The number of rows off the diagonal (misclassified).</summary>
    public int Errors => Total - Correct;

    /// <summary>The fraction of rows misclassified, or <see cref="double.NaN"/> when nothing was counted.</summary>
    public double ErrorRate => Total == 0 ? double.NaN : (double)Errors / Total;

    /// <summary>Counts one row.</summary>
    /// <param name="truth">The true class.</param>
    /// <param name="prediction">The predicted class.</param>
    /// <exception cref="ArgumentOutOfRangeException">A class is not from 0 to <see cref="Classes"/> - 1.</exception>
    public void Add(int truth, int prediction)
    {
        CheckClass(truth, nameof(truth));
        CheckClass(prediction, nameof(prediction));
        _counts[truth * Classes + prediction]++;
        Total++;
        if (truth == prediction) Correct++;
    }

    /// <summary>The number of rows whose true class is <paramref name="truth"/> (a row sum).</summary>
    /// <param name="truth">The true class.</param>
    /// <returns>The row sum.</returns>
    public int TruthCount(int truth)
    {
        CheckClass(truth, nameof(truth));
        int sum = 0;
        for (int j = 0; j < Classes; j++) sum += _counts[truth * Classes + j];
        return sum;
    }

    /// <summary>The number of rows predicted as <paramref name="prediction"/> (a column sum).</summary>
    /// <param name="prediction">The predicted class.</param>
    /// <returns>The column sum.</returns>
    public int PredictionCount(int prediction)
    {
        CheckClass(prediction, nameof(prediction));
        int sum = 0;
        for (int i = 0; i < Classes; i++) sum += _counts[i * Classes + prediction];
        return sum;
    }

    private void CheckClass(int value, string name)
    {
        if ((uint)value >= (uint)Classes)
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"A class is from 0 to {Classes - 1}."));
    }
}
