using System;
using System.Globalization;
using System.Text;

namespace NetGen.Reporting;

/// <summary>Escaping and culture-invariant number formatting for the report's HTML and SVG.</summary>
internal static class Markup
{
    /// <summary>The culture of every number in a report: the invariant one, whatever the machine's.</summary>
    public static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    /// <summary>Text made safe for an element's content or a quoted attribute; control characters XML forbids become U+FFFD.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '"': escaped.Append("&quot;"); break;
                case '\'': escaped.Append("&#39;"); break;
                case '\t' or '\n' or '\r': escaped.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': escaped.Append('\uFFFD'); break;
                default: escaped.Append(c); break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>An SVG coordinate: at most two decimals, never <c>-0</c>.</summary>
    public static string Coordinate(double value) => (Math.Round(value, 2) + 0.0).ToString("0.##", Culture);

    /// <summary>A number with a fixed number of decimals; NaN and infinities as words a reader knows.</summary>
    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(Culture), Culture) : Special(value);

    /// <summary>A fraction as a percentage, e.g. <c>0.0197</c> as <c>1.97%</c>.</summary>
    public static string Percent(double fraction, int decimals) =>
        double.IsFinite(fraction) ? Fixed(fraction * 100, decimals) + "%" : Special(fraction);

    /// <summary>A number with <paramref name="digits"/> significant digits, trailing zeros kept (<c>0.7650</c>), E notation when very small or large.</summary>
    public static string Significant(double value, int digits)
    {
        if (!double.IsFinite(value)) return Special(value);
        if (value == 0) return Fixed(0, digits - 1);
        double magnitude = Math.Abs(value);
        if (magnitude < 1e-4 || magnitude >= 1e7) return value.ToString("E" + (digits - 1).ToString(Culture), Culture);
        int decimals = Math.Clamp(digits - 1 - (int)Math.Floor(Math.Log10(magnitude)), 0, 15);
        return Fixed(value, decimals);
    }

    /// <summary>A count with thousands separators, e.g. <c>10,000</c>.</summary>
    public static string Count(long count) => count.ToString("N0", Culture);

    /// <summary>An integer as plain digits.</summary>
    public static string Integer(long value) => value.ToString(Culture);

    /// <summary>A duration a person reads at a glance: <c>8.42 s</c>, <c>3 min 20 s</c>, <c>1 h 05 min</c>.</summary>
    public static string Duration(double seconds)
    {
        if (!double.IsFinite(seconds)) return Special(seconds);
        if (seconds < 10) return Fixed(seconds, 2) + " s";
        if (seconds < 60) return Fixed(seconds, 1) + " s";
        long whole = (long)Math.Round(seconds);
        if (whole < 3600) return string.Create(Culture, $"{whole / 60} min {whole % 60:00} s");
        return string.Create(Culture, $"{whole / 3600} h {whole % 3600 / 60:00} min");
    }

    private static string Special(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "\u221E" : "\u2212\u221E";
}
