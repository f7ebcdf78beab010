using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NetGen.Reporting;

/// <summary>
/// An SVG chart of values per epoch: curves (one <c>polyline</c> per series, one point per shown epoch) or bars,
/// with a title, ticks, axis titles that name the scale, and a legend when there are several curves.
/// </summary>
internal sealed class EpochChart
{
    /// <summary>The chart's width in CSS pixels.</summary>
    public const int Width = 560;

    /// <summary>The chart's height in CSS pixels with a one-row legend (each further legend row adds 20).</summary>
    public const int Height = 330;

    private const double Left = 74, Right = 22, Top = 66, Bottom = 56;
    private const double CharWidth = 7.2;
    private readonly string _id;
    private readonly string _title;
    private readonly string _yLabel;
    private readonly ScaleChoice _scale;
    private readonly string _tickSuffix;
    private readonly IReadOnlyList<int> _epochs;
    private readonly List<ChartSeries> _lines = [];
    private ChartSeries? _bars;

    /// <summary>Starts a chart.</summary>
    /// <param name="id">The chart's <c>data-chart</c> attribute.</param>
    /// <param name="title">The title drawn at the top.</param>
    /// <param name="yLabel">The value axis title, without the scale (added as <c>(log scale)</c> or <c>(linear scale)</c>).</param>
    /// <param name="scale">How the value axis is chosen.</param>
    /// <param name="epochs">The epoch numbers, increasing.</param>
    /// <param name="tickSuffix">Appended to each value tick, e.g. <c>%</c>.</param>
    public EpochChart(string id, string title, string yLabel, ScaleChoice scale, IReadOnlyList<int> epochs, string tickSuffix = "")
    {
        _id = id;
        _title = title;
        _yLabel = yLabel;
        _scale = scale;
        _epochs = epochs;
        _tickSuffix = tickSuffix;
    }

    /// <summary>Adds a curve.</summary>
    public void AddLine(ChartSeries series) => _lines.Add(series);

    /// <summary>Draws this series as bars.</summary>
    public void SetBars(ChartSeries series) => _bars = series;

    /// <summary>The chart as an <c>svg</c> element.</summary>
    public string Render()
    {
        IEnumerable<ChartSeries> all = _bars is null ? _lines : _lines.Append(_bars);
        ValueAxis y = ValueAxis.For(all.SelectMany(s => s.Values), _scale, _tickSuffix);
        int first = _epochs[0], last = _epochs[^1];
        bool padded = _bars is not null || first == last;
        double xMin = padded ? first - 0.5 : first, xMax = padded ? last + 0.5 : last;
        // The legend wraps onto more rows when the labels do not fit on one; the plot moves down to make room.
        var legend = new List<(ChartSeries Series, double X, double Y)>();
        double legendX = Left, legendY = 46;
        foreach (ChartSeries line in _lines)
        {
            double itemWidth = 30 + line.Label.Length * CharWidth;
            if (legendX > Left && legendX + itemWidth > Width - Right)
            {
                legendX = Left;
                legendY += 20;
            }

            legend.Add((line, legendX, legendY));
            legendX += itemWidth + 18;
        }

        double extra = legendY - 46;
        double height = Height + extra;
        double plotLeft = Left, plotRight = Width - Right, plotTop = Top + extra, plotBottom = height - Bottom;
        double X(double epoch) => plotLeft + (epoch - xMin) / (xMax - xMin) * (plotRight - plotLeft);
        double Y(double value) => plotBottom - y.Fraction(value) * (plotBottom - plotTop);

        var svg = new StringBuilder();
        svg.Append(Markup.Culture, $"<svg class=\"chart\" data-chart=\"{_id}\" viewBox=\"0 0 {Width} {C(height)}\" width=\"{Width}\" height=\"{C(height)}\" role=\"img\" aria-label=\"{Markup.Escape(_title)}\">\n");
        svg.Append(Markup.Culture, $"<text class=\"chart-title\" x=\"16\" y=\"26\">{Markup.Escape(_title)}</text>\n");

        svg.Append("<g class=\"grid\">\n");
        foreach (double tick in y.Ticks)
            svg.Append(Markup.Culture, $"<line x1=\"{C(plotLeft)}\" y1=\"{C(Y(tick))}\" x2=\"{C(plotRight)}\" y2=\"{C(Y(tick))}\"/>\n");
        svg.Append("</g>\n");

        svg.Append("<g class=\"ticks\" data-axis=\"y\">\n");
        foreach (double tick in y.Ticks)
            svg.Append(Markup.Culture, $"<text x=\"{C(plotLeft - 8)}\" y=\"{C(Y(tick) + 4)}\" text-anchor=\"end\">{Markup.Escape(y.Format(tick))}</text>\n");
        svg.Append("</g>\n");

        svg.Append("<g class=\"ticks\" data-axis=\"x\">\n");
        foreach (int epoch in EpochTicks(first, last))
        {
            double x = X(epoch);
            svg.Append(Markup.Culture, $"<line x1=\"{C(x)}\" y1=\"{C(plotBottom)}\" x2=\"{C(x)}\" y2=\"{C(plotBottom + 5)}\"/>");
            svg.Append(Markup.Culture, $"<text x=\"{C(x)}\" y=\"{C(plotBottom + 19)}\" text-anchor=\"middle\">{epoch}</text>\n");
        }

        svg.Append("</g>\n");
        svg.Append(Markup.Culture, $"<g class=\"axis\"><line x1=\"{C(plotLeft)}\" y1=\"{C(plotTop)}\" x2=\"{C(plotLeft)}\" y2=\"{C(plotBottom)}\"/><line x1=\"{C(plotLeft)}\" y1=\"{C(plotBottom)}\" x2=\"{C(plotRight)}\" y2=\"{C(plotBottom)}\"/></g>\n");
        svg.Append(Markup.Culture, $"<text class=\"axis-label\" data-axis=\"x\" x=\"{C((plotLeft + plotRight) / 2)}\" y=\"{C(height - 14)}\" text-anchor=\"middle\">epoch</text>\n");
        double middle = (plotTop + plotBottom) / 2;
        svg.Append(Markup.Culture, $"<text class=\"axis-label\" data-axis=\"y\" transform=\"rotate(-90)\" x=\"{C(-middle)}\" y=\"20\" text-anchor=\"middle\">{Markup.Escape(_yLabel)} ({y.ScaleName})</text>\n");

        int hidden = 0;
        if (_bars is not null)
        {
            double slot = (plotRight - plotLeft) / (xMax - xMin);
            double barWidth = Math.Max(1, Math.Min(slot * 0.7, 48));
            svg.Append(Markup.Culture, $"<g class=\"bars\" data-series=\"{_bars.Id}\" fill=\"{_bars.Color}\">\n");
            for (int i = 0; i < _epochs.Count; i++)
            {
                double v = _bars.Values[i];
                if (!y.CanShow(v))
                {
                    hidden++;
                    continue;
                }

                double top = Y(Math.Max(v, y.Min)), bottom = Y(Math.Max(0, y.Min));
                svg.Append(Markup.Culture, $"<rect class=\"bar\" data-epoch=\"{_epochs[i]}\" x=\"{C(X(_epochs[i]) - barWidth / 2)}\" y=\"{C(top)}\" width=\"{C(barWidth)}\" height=\"{C(Math.Max(bottom - top, 0.5))}\"><title>epoch {_epochs[i]}: {Markup.Duration(v)}</title></rect>\n");
            }

            svg.Append("</g>\n");
        }

        bool markers = _epochs.Count <= 60;
        foreach (ChartSeries line in _lines)
        {
            var points = new StringBuilder();
            var dots = new StringBuilder();
            for (int i = 0; i < _epochs.Count; i++)
            {
                double v = line.Values[i];
                if (!y.CanShow(v))
                {
                    hidden++;
                    continue;
                }

                if (points.Length > 0) points.Append(' ');
                points.Append(C(X(_epochs[i]))).Append(',').Append(C(Y(v)));
                if (markers)
                    dots.Append(Markup.Culture, $"<circle cx=\"{C(X(_epochs[i]))}\" cy=\"{C(Y(v))}\" r=\"2.75\"><title>{Markup.Escape(line.Label)}, epoch {_epochs[i]}: {Markup.Escape(y.Format(v))}</title></circle>");
            }

            string dash = line.Dashed ? " stroke-dasharray=\"6 4\"" : "";
            svg.Append(Markup.Culture, $"<polyline class=\"series\" data-series=\"{line.Id}\" stroke=\"{line.Color}\"{dash} points=\"{points}\"/>\n");
            if (markers)
                svg.Append(Markup.Culture, $"<g class=\"markers\" data-series=\"{line.Id}\" fill=\"{line.Color}\">{dots}</g>\n");
        }

        if (legend.Count > 0)
        {
            svg.Append("<g class=\"legend\">\n");
            foreach ((ChartSeries line, double x, double y0) in legend)
            {
                string dash = line.Dashed ? " stroke-dasharray=\"6 4\"" : "";
                svg.Append(Markup.Culture, $"<line x1=\"{C(x)}\" y1=\"{C(y0)}\" x2=\"{C(x + 24)}\" y2=\"{C(y0)}\" stroke=\"{line.Color}\"{dash}/>");
                svg.Append(Markup.Culture, $"<text x=\"{C(x + 30)}\" y=\"{C(y0 + 4)}\">{Markup.Escape(line.Label)}</text>\n");
            }

            svg.Append("</g>\n");
        }

        if (hidden > 0)
            svg.Append(Markup.Culture, $"<text class=\"note\" x=\"{C(plotRight)}\" y=\"26\" text-anchor=\"end\">{hidden} value{(hidden == 1 ? "" : "s")} not shown (not finite{(y.IsLog ? " or not positive" : "")})</text>\n");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>The epochs to label: the first, then multiples of a round step, at most about ten.</summary>
    private static List<int> EpochTicks(int first, int last)
    {
        int span = last - first;
        int step = 1;
        for (int power = 1; span / step > 10; power *= 10)
        {
            foreach (int m in new[] { 1, 2, 5 })
            {
                step = m * power;
                if (span / step <= 10) break;
            }
        }

        var ticks = new List<int> { first };
        for (int e = (first / step + 1) * step; e <= last; e += step)
        {
            if (e - first >= step * 0.5) ticks.Add(e);
        }

        return ticks;
    }

    private static string C(double value) => Markup.Coordinate(value);
}
