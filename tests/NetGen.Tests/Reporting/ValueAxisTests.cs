using System.Linq;
using NetGen.Reporting;

namespace NetGen.Tests.Reporting;

public sealed class ValueAxisTests
{
    [Fact]
    public void Error_rates_from_ten_to_one_percent_get_a_log_axis_with_1_2_5_ticks()
    {
        ValueAxis axis = ValueAxis.For([12.0, 6.5, 3.1, 1.9, 1.2], ScaleChoice.Auto, "%");
        Assert.True(axis.IsLog);
        Assert.Equal((1.0, 20.0), (axis.Min, axis.Max));
        Assert.Equal(["1%", "2%", "5%", "10%", "20%"], axis.Ticks.Select(axis.Format));
        Assert.Equal(0, axis.Fraction(1), 12);
        Assert.Equal(1, axis.Fraction(20), 12);
    }

    [Fact]
    public void A_narrow_positive_range_stays_linear_under_auto_and_gets_more_log_ticks_when_forced()
    {
        ValueAxis linear = ValueAxis.For([0.071, 0.068, 0.066], ScaleChoice.Auto);
        Assert.False(linear.IsLog);
        Assert.True(linear.Min <= 0.066 && linear.Max >= 0.071);
        Assert.All(linear.Ticks, t => Assert.InRange(t, linear.Min - 1e-12, linear.Max + 1e-12));
        Assert.Equal(linear.Ticks.Count, linear.Ticks.Select(linear.Format).Distinct().Count());

        ValueAxis log = ValueAxis.For([0.3, 0.45], ScaleChoice.Log);
        Assert.True(log.IsLog);
        Assert.True(log.Ticks.Count >= 3);
        Assert.Equal(["0.2", "0.3", "0.4", "0.5"], log.Ticks.Select(log.Format));
    }

    [Fact]
    public void Many_decades_show_only_powers_of_ten()
    {
        ValueAxis axis = ValueAxis.For([1e-5, 3e-3, 40.0], ScaleChoice.Log);
        Assert.Equal((1e-5, 50.0), (axis.Min, axis.Max));
        Assert.Equal(["1E-5", "0.0001", "0.001", "0.01", "0.1", "1", "10"], axis.Ticks.Select(axis.Format));
    }

    [Fact]
    public void Bars_start_at_zero_and_degenerate_data_still_gets_an_axis()
    {
        ValueAxis bars = ValueAxis.For([2.4, 2.6, 2.5], ScaleChoice.LinearFromZero);
        Assert.Equal(0, bars.Min);
        Assert.Equal(3, bars.Max, 12);

        ValueAxis flat = ValueAxis.For([0.5, 0.5], ScaleChoice.Auto);
        Assert.True(flat.Max > flat.Min);
        ValueAxis nothing = ValueAxis.For([double.NaN], ScaleChoice.Log);
        Assert.True(nothing.Max > nothing.Min);
        ValueAxis zeros = ValueAxis.For([0.0, 0.0], ScaleChoice.LinearFromZero);
        Assert.Equal((0.0, 1.0), (zeros.Min, zeros.Max));
        ValueAxis negative = ValueAxis.For([-0.5, 2.0], ScaleChoice.Log);
        Assert.False(negative.IsLog);
    }
}
