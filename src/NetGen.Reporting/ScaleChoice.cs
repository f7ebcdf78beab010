namespace NetGen.Reporting;

/// <summary>How a chart picks its value axis.</summary>
internal enum ScaleChoice
{
    /// <summary>Linear, fitted to the data.</summary>
    Linear,

    /// <summary>Linear from zero (bars).</summary>
    LinearFromZero,

    /// <summary>Logarithmic when every value is positive and they span a wide enough range, linear otherwise.</summary>
    Auto,

    /// <summary>Logarithmic when every value is positive, linear otherwise.</summary>
    Log,
}
