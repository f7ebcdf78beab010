using System.Collections.Generic;

namespace NetGen.Reporting;

/// <summary>One series of an <see cref="EpochChart"/>: a value per epoch, drawn as a curve or as bars.</summary>
/// <param name="Id">The <c>data-series</c> attribute, e.g. <c>train-loss</c>.</param>
/// <param name="Label">The legend text.</param>
/// <param name="Color">The stroke or fill colour, e.g. <c>#2563eb</c>.</param>
/// <param name="Values">One value per epoch of the chart; a value the axis cannot show is left out.</param>
/// <param name="Dashed">Whether the curve is dashed (to tell series apart without colour).</param>
internal sealed record ChartSeries(string Id, string Label, string Color, IReadOnlyList<double> Values, bool Dashed = false);
