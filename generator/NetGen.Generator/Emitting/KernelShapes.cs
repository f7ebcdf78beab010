using System.Linq;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// The shapes every kernel is written in: by how its units fit the vectors (scalar, 128-bit or <c>Vector&lt;float&gt;</c>,
/// as the plan's <see cref="UnitFit"/> says), the scalar accumulators of a narrow row, the rows of a block.
/// </summary>
internal static class KernelShapes
{
    /// <summary>
    /// Writes a kernel for the layer's width: the scalar one below 4 units; from 16 units the <c>Vector&lt;float&gt;</c>
    /// one; in between both vector kernels, behind <c>if (units &lt; Lanes)</c>: 128-bit vectors when the layer is narrower
    /// than <c>Vector&lt;float&gt;</c> (a 10-unit layer at 16 lanes), the natural width otherwise. The JIT keeps one.
    /// </summary>
    internal static void WriteByWidth(SourceWriter writer, UnitFit fit, string unitsConst, System.Action scalar, System.Action<VectorWidth> vector)
    {
        if (fit == UnitFit.Scalar)
        {
            scalar();
            return;
        }

        if (fit == UnitFit.Vector)
        {
            vector(VectorWidth.Natural);
            return;
        }

        using (writer.Block("if (" + unitsConst + " < " + Simd.Lanes + ")"))
        {
            writer.Line("// Fewer units than Vector<float> holds: 128-bit vectors of 4 floats.");
            vector(VectorWidth.Narrow);
        }

        using (writer.Block("else"))
            vector(VectorWidth.Natural);
    }

    /// <summary>
    /// Writes the vector path, the scalar path, or both behind <c>if (units &lt; Lanes)</c>, as the width allows:
    /// a layer of fewer than 4 units never fills a vector, one of 16 or more always does.
    /// </summary>
    internal static void WriteNarrowOrWide(SourceWriter writer, UnitFit fit, string unitsConst, System.Action narrow, System.Action wide)
    {
        if (fit == UnitFit.Scalar)
        {
            narrow();
            return;
        }

        if (fit == UnitFit.Vector)
        {
            wide();
            return;
        }

        using (writer.Block("if (" + unitsConst + " < " + Simd.Lanes + ")"))
        {
            writer.Line("// Fewer units than one vector holds: one float at a time.");
            narrow();
        }

        using (writer.Block("else"))
            wide();
    }

    /// <summary>
    /// The scalar form of the broadcast kernel, for rows narrower than a vector: one accumulator per unit, unrolled, so
    /// that the sums are independent chains: <c>s_j (+)= a * row[j]</c> over the steps of <paramref name="loop"/>.
    /// </summary>
    internal static void WriteScalarAccumulators(SourceWriter writer, int units, System.Func<int, string> init, string loop, string scalar, string row, System.Func<int, string> store)
    {
        for (int j = 0; j < units; j += 4)
        {
            int n = System.Math.Min(4, units - j);
            writer.Line("float " + string.Join(", ", Enumerable.Range(j, n).Select(u => "s" + Names.Int(u) + " = " + init(u))) + ";");
        }

        using (writer.Block(loop))
        {
            writer.Line("float a = " + scalar + ";");
            writer.Line("ref float row = " + row + ";");
            for (int j = 0; j < units; j += 4)
            {
                int n = System.Math.Min(4, units - j);
                writer.Line(string.Join(" ", Enumerable.Range(j, n).Select(u => "s" + Names.Int(u) + " += a * " + Simd.Element("row", Names.Int(u)) + ";")));
            }
        }

        for (int j = 0; j < units; j++)
            writer.Line(store(j));
    }

    /// <summary>Row <c>r + k</c> of a block, as an expression: <c>r</c>, <c>(r + 1)</c>, ...</summary>
    internal static string Row(string r, int k) => k == 0 ? r : "(" + r + " + " + Names.Int(k) + ")";

    /// <summary>The value of block row <paramref name="row"/> at list entry <c>k</c> (each row's values are a list of their own).</summary>
    internal static string ListValue(int row) => Simd.Element("values", row == 0 ? "k" : row == 1 ? "ListStride + k" : Names.Int(row) + " * ListStride + k");
}
