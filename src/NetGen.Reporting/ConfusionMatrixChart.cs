using System;
using System.Collections.Generic;
using System.Text;

namespace NetGen.Reporting;

/// <summary>
/// A confusion matrix as an SVG heat map: rows are the true class, columns the prediction, one
/// <c>rect class="cell"</c> per pair with its count printed inside. The diagonal is shaded blue by the class's
/// recall; off-diagonal cells orange by their count against the largest mistake, so that a handful of errors shows.
/// </summary>
internal static class ConfusionMatrixChart
{
    private const double CharWidth = 7.2;

    /// <summary>The matrix as an <c>svg</c> element.</summary>
    /// <param name="matrix">The counts.</param>
    /// <param name="classNames">Optional names for the row labels; the columns always show class numbers.</param>
    public static string Render(ConfusionMatrix matrix, IReadOnlyList<string>? classNames)
    {
        int k = matrix.Classes;
        double cell = Math.Clamp(Math.Floor(440.0 / k), 10, 44);
        int longestRowLabel = 0;
        for (int i = 0; i < k; i++) longestRowLabel = Math.Max(longestRowLabel, RowLabel(i, classNames).Length);
        double left = Math.Max(62, 36 + longestRowLabel * CharWidth + 10);
        double top = 84;
        double errorColumn = 64;
        double width = Math.Ceiling(left + k * cell + 12 + errorColumn);
        double height = Math.Ceiling(top + k * cell + 16);
        bool printCounts = cell >= 18;
        double fontSize = Math.Min(13, Math.Floor(cell * 0.34));

        int maxOff = 0;
        for (int i = 0; i < k; i++)
            for (int j = 0; j < k; j++)
                if (i != j) maxOff = Math.Max(maxOff, matrix[i, j]);

        string title = "Confusion matrix, test set (" + Markup.Count(matrix.Total) + " images, " + Markup.Count(matrix.Errors) + " errors)";
        var svg = new StringBuilder();
        svg.Append(Markup.Culture, $"<svg class=\"matrix\" data-chart=\"confusion\" data-classes=\"{k}\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{Markup.Escape(title)}\">\n");
        svg.Append(Markup.Culture, $"<text class=\"chart-title\" x=\"16\" y=\"26\">{Markup.Escape(title)}</text>\n");
        double gridMiddleX = left + k * cell / 2, gridMiddleY = top + k * cell / 2;
        svg.Append(Markup.Culture, $"<text class=\"axis-label\" data-axis=\"x\" x=\"{C(gridMiddleX)}\" y=\"{C(top - 32)}\" text-anchor=\"middle\">predicted class</text>\n");
        svg.Append(Markup.Culture, $"<text class=\"axis-label\" data-axis=\"y\" transform=\"rotate(-90)\" x=\"{C(-gridMiddleY)}\" y=\"20\" text-anchor=\"middle\">true class</text>\n");
        svg.Append(Markup.Culture, $"<text class=\"axis-label\" data-axis=\"errors\" x=\"{C(left + k * cell + 12 + errorColumn / 2)}\" y=\"{C(top - 10)}\" text-anchor=\"middle\">error</text>\n");

        svg.Append("<g class=\"class-labels\" data-axis=\"x\">\n");
        for (int j = 0; j < k; j++)
            svg.Append(Markup.Culture, $"<text x=\"{C(left + (j + 0.5) * cell)}\" y=\"{C(top - 10)}\" text-anchor=\"middle\">{j}</text>\n");
        svg.Append("</g>\n<g class=\"class-labels\" data-axis=\"y\">\n");
        for (int i = 0; i < k; i++)
            svg.Append(Markup.Culture, $"<text x=\"{C(left - 8)}\" y=\"{C(top + (i + 0.5) * cell + 4)}\" text-anchor=\"end\">{Markup.Escape(RowLabel(i, classNames))}</text>\n");
        svg.Append("</g>\n");

        svg.Append(Markup.Culture, $"<g class=\"cells\" font-size=\"{fontSize}\">\n");
        for (int i = 0; i < k; i++)
        {
            int rowTotal = matrix.TruthCount(i);
            for (int j = 0; j < k; j++)
            {
                int count = matrix[i, j];
                (string fill, bool dark) = Shade(i == j, count, rowTotal, maxOff);
                double x = left + j * cell, y = top + i * cell;
                svg.Append(Markup.Culture, $"<rect class=\"cell\" data-truth=\"{i}\" data-pred=\"{j}\" data-count=\"{count}\" x=\"{C(x)}\" y=\"{C(y)}\" width=\"{C(cell - 1)}\" height=\"{C(cell - 1)}\" fill=\"{fill}\"><title>true {Markup.Escape(ClassName(i, classNames))}, predicted {Markup.Escape(ClassName(j, classNames))}: {count}</title></rect>");
                if (printCounts)
                {
                    string ink = count == 0 ? "zero" : dark ? "light" : "dark";
                    svg.Append(Markup.Culture, $"<text class=\"count {ink}\" x=\"{C(x + (cell - 1) / 2)}\" y=\"{C(y + (cell - 1) / 2 + fontSize * 0.36)}\" text-anchor=\"middle\">{count}</text>");
                }

                svg.Append('\n');
            }
        }

        svg.Append("</g>\n<g class=\"row-errors\">\n");
        for (int i = 0; i < k; i++)
        {
            int rowTotal = matrix.TruthCount(i);
            double rate = rowTotal == 0 ? double.NaN : (double)(rowTotal - matrix[i, i]) / rowTotal;
            string text = rowTotal == 0 ? "\u2013" : Markup.Percent(rate, 1);
            svg.Append(Markup.Culture, $"<text data-truth=\"{i}\" x=\"{C(left + k * cell + 12 + errorColumn / 2)}\" y=\"{C(top + (i + 0.5) * cell + 4)}\" text-anchor=\"middle\">{text}</text>\n");
        }

        svg.Append("</g>\n</svg>");
        return svg.ToString();
    }

    /// <summary>The name of a class: its number, or its number and name.</summary>
    public static string ClassName(int index, IReadOnlyList<string>? classNames) =>
        classNames is null ? Markup.Integer(index) : classNames[index];

    private static string RowLabel(int index, IReadOnlyList<string>? classNames) =>
        classNames is null ? Markup.Integer(index) : classNames[index] + " " + Markup.Integer(index);

    /// <summary>The fill of a cell and whether it is dark enough to need light text.</summary>
    private static (string Fill, bool Dark) Shade(bool diagonal, int count, int rowTotal, int maxOff)
    {
        if (count == 0) return ("#f8fafc", false);
        if (diagonal)
        {
            double recall = rowTotal == 0 ? 0 : (double)count / rowTotal;
            double t = 0.25 + 0.75 * recall;
            return (Mix((0xdb, 0xea, 0xfe), (0x1d, 0x4e, 0xd8), t), t > 0.55);
        }

        double s = maxOff == 0 ? 0 : Math.Pow((double)count / maxOff, 0.6);
        double u = 0.08 + 0.92 * s;
        return (Mix((0xff, 0xf1, 0xe6), (0xc2, 0x41, 0x0c), u), u > 0.6);
    }

    private static string Mix((int R, int G, int B) from, (int R, int G, int B) to, double t)
    {
        int r = (int)Math.Round(from.R + (to.R - from.R) * t);
        int g = (int)Math.Round(from.G + (to.G - from.G) * t);
        int b = (int)Math.Round(from.B + (to.B - from.B) * t);
        return "#" + r.ToString("x2", Markup.Culture) + g.ToString("x2", Markup.Culture) + b.ToString("x2", Markup.Culture);
    }

    private static string C(double value) => Markup.Coordinate(value);
}
