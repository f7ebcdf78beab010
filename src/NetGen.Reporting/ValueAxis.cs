using System;
using System.Collections.Generic;

namespace NetGen.Reporting;

/// <summary>A chart's value axis: linear or logarithmic, its range rounded out to round numbers, and its ticks.</summary>
internal sealed class ValueAxis
{
    /// <summary>Under <see cref="ScaleChoice.Auto"/>, values spanning at least this ratio get a log axis.</summary>
    public const double AutoLogRatio = 5;

    private const double Epsilon = 1e-9;
    private readonly string _suffix;
    private readonly int _linearDecimals;

    private ValueAxis(bool isLog, double min, double max, double[] ticks, int linearDecimals, string suffix)
    {
        IsLog = isLog;
        Min = min;
        Max = max;
        Ticks = ticks;
        _linearDecimals = linearDecimals;
        _suffix = suffix;
    }

    /// <summary>Whether the axis is logarithmic.</summary>
    public bool IsLog { get; }

    /// <summary>The bottom of the axis.</summary>
    public double Min { get; }

    /// <summary>The top of the axis.</summary>
    public double Max { get; }

    /// <summary>The tick values, bottom to top.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>The words for the axis title: <c>log scale</c> or <c>linear scale</c>.</summary>
    public string ScaleName => IsLog ? "log scale" : "linear scale";

    /// <summary>Picks an axis for the values (non-finite ones are ignored).</summary>
    /// <param name="values">The values to show.</param>
    /// <param name="choice">Linear, linear from zero, automatic or logarithmic.</param>
    /// <param name="suffix">Appended to each tick label, e.g. <c>%</c>.</param>
    public static ValueAxis For(IEnumerable<double> values, ScaleChoice choice, string suffix = "")
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool allPositive = true;
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            if (v <= 0) allPositive = false;
        }

        if (min > max)
        {
            min = 0;
            max = 1;
        }

        bool log = allPositive && min > 0 && choice switch
        {
            ScaleChoice.Log => true,
            ScaleChoice.Auto => max / min >= AutoLogRatio,
            _ => false,
        };
        if (log) return Logarithmic(min, max, suffix);
        if (choice == ScaleChoice.LinearFromZero)
        {
            // Bars start at zero, with a little headroom so the tallest does not touch the frame.
            min = Math.Min(0, min);
            max += (max - min) * 0.04;
        }

        return Linear(min, max, suffix);
    }

    /// <summary>Whether a value can be drawn on this axis.</summary>
    public bool CanShow(double value) => double.IsFinite(value) && (!IsLog || value > 0);

    /// <summary>Where a value sits from the bottom (0) to the top (1).</summary>
    public double Fraction(double value) => IsLog
        ? (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min))
        : (value - Min) / (Max - Min);

    /// <summary>The label of a tick.</summary>
    public string Format(double value)
    {
        if (value == 0) return "0" + _suffix;
        double magnitude = Math.Abs(value);
        if (magnitude < 1e-4 || magnitude >= 1e6) return value.ToString("0.##E+0", Markup.Culture) + _suffix;
        int decimals = IsLog ? Math.Clamp(-(int)Math.Floor(Math.Log10(magnitude) + Epsilon), 0, 10) : _linearDecimals;
        return Markup.Fixed(value, decimals) + _suffix;
    }

    private static ValueAxis Linear(double min, double max, string suffix)
    {
        if (max - min <= Math.Abs(max) * Epsilon)
        {
            double pad = max == 0 ? 1 : Math.Abs(max) * 0.1;
            if (min != 0) min -= pad;
            max += pad;
        }

        double raw = (max - min) / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double r = raw / magnitude;
        double step = (r <= 1 + Epsilon ? 1 : r <= 2 + Epsilon ? 2 : r <= 5 + Epsilon ? 5 : 10) * magnitude;
        double lo = Math.Floor(min / step + Epsilon) * step;
        double hi = Math.Ceiling(max / step - Epsilon) * step;
        int count = (int)Math.Round((hi - lo) / step);
        var ticks = new double[count + 1];
        for (int i = 0; i <= count; i++) ticks[i] = Math.Round(lo / step + i) * step;
        int decimals = Math.Clamp(-(int)Math.Floor(Math.Log10(step) + Epsilon), 0, 10);
        return new ValueAxis(false, lo, hi, ticks, decimals, suffix);
    }

    private static ValueAxis Logarithmic(double min, double max, string suffix)
    {
        double lo = Floor125(min), hi = Ceiling125(max);
        if (hi <= lo * (1 + Epsilon))
        {
            lo = Floor125(lo / 1.5);
            hi = Ceiling125(hi * 1.5);
        }

        double[] ticks = TicksWith(lo, hi, [1, 2, 5]);
        if (ticks.Length < 4) ticks = TicksWith(lo, hi, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        else if (ticks.Length > 10)
        {
            ticks = TicksWith(lo, hi, [1]);
            if (ticks.Length < 2) ticks = [lo, hi];
        }

        return new ValueAxis(true, lo, hi, ticks, 0, suffix);
    }

    private static double[] TicksWith(double lo, double hi, int[] mantissas)
    {
        var ticks = new List<double>();
        int first = (int)Math.Floor(Math.Log10(lo) + Epsilon), last = (int)Math.Ceiling(Math.Log10(hi) - Epsilon);
        for (int decade = first; decade <= last; decade++)
        {
            double power = Math.Pow(10, decade);
            foreach (int m in mantissas)
            {
                double v = m * power;
                if (v >= lo * (1 - Epsilon) && v <= hi * (1 + Epsilon)) ticks.Add(v);
            }
        }

        return ticks.ToArray();
    }

    /// <summary>The largest of 1, 2 or 5 times a power of ten that is at most <paramref name="x"/>.</summary>
    private static double Floor125(double x)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(x) + Epsilon));
        double m = x / power;
        return (m >= 5 - Epsilon ? 5 : m >= 2 - Epsilon ? 2 : 1) * power;
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least <paramref name="x"/>.</summary>
    private static double Ceiling125(double x)
    {
        double power = Math.Pow(10, Math.Floor(Math.Log10(x) + Epsilon));
        double m = x / power;
        return (m <= 1 + Epsilon ? 1 : m <= 2 + Epsilon ? 2 : m <= 5 + Epsilon ? 5 : 10) * power;
    }
}
