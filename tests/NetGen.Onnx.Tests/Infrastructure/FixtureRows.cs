using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Onnx.Tests.Infrastructure;

/// <summary>Reads a fixture's rows: one per line, floats separated by spaces, written with 9 significant digits (exact for float32).</summary>
internal static class FixtureRows
{
    public static float[] Read(string name, out int rows)
    {
        string[] lines = File.ReadAllLines(RepositoryPaths.Fixture(name)).Where(line => line.Length > 0).ToArray();
        rows = lines.Length;
        return lines
            .SelectMany(line => line.Split(' '))
            .Select(value => float.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture))
            .ToArray();
    }
}
