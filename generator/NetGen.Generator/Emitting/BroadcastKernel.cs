using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes the register-blocked loop at the heart of the forward pass and of the weight gradient:
/// <code>
/// S[k, c] += x_k(t) * Y[t, j + c * Lanes .. j + (c + 1) * Lanes)      for t in [0, bound)
/// </code>
/// for <see cref="Rows"/> broadcast scalars <c>x_k</c> and <c>vectors</c> consecutive vectors of row <c>t</c> of a
/// row-major matrix <c>Y</c>, with all the accumulators in registers. In the forward pass <c>t</c> runs over the
/// inputs (<c>x_k = X[r + k, i]</c>, <c>Y = W</c>); in the weight gradient over the batch
/// (<c>x_k = X[b, i + k]</c>, <c>Y = G</c>). Both are <c>A B</c> products vectorized along <c>B</c>'s rows.
/// </summary>
/// <remarks>Shape of the output, for 2 rows and 2 vectors:
/// <code>
/// Vector&lt;float&gt; s00 = init, s01 = init;
/// Vector&lt;float&gt; s10 = init, s11 = init;
/// for (int t = 0; t &lt; bound; t++)
/// {
///     float a0 = x0(t), a1 = x1(t);
///     if (a0 == 0f &amp;&amp; a1 == 0f) continue;
///     var v0 = Load(Y, t * stride + j), v1 = Load(Y, t * stride + j + Lanes);
///     s00 = MultiplyAdd(Broadcast(a0), v0, s00); ...
/// }
/// store(0, j, s00); ...
/// </code>
/// </remarks>
internal sealed class BroadcastKernel
{
    public BroadcastKernel(
        int rows,
        string counter,
        string bound,
        Func<int, string> scalar,
        string matrix,
        string rowStart,
        bool skipZeros,
        Func<int, string, string> init,
        Action<SourceWriter, int, string, string, bool> store)
    {
        Rows = rows;
        Counter = counter;
        Bound = bound;
        Scalar = scalar;
        Matrix = matrix;
        RowStart = rowStart;
        SkipZeros = skipZeros;
        Init = init;
        Store = store;
    }

    /// <summary>How many broadcast scalars (rows of accumulators).</summary>
    public int Rows { get; }

    /// <summary>The reduction's loop variable.</summary>
    public string Counter { get; }

    /// <summary>The reduction's bound (a constant or <c>m</c>).</summary>
    public string Bound { get; }

    /// <summary>The k-th broadcast scalar at step <see cref="Counter"/>.</summary>
    public Func<int, string> Scalar { get; }

    /// <summary>The <c>ref float</c> of the matrix whose rows are loaded as vectors.</summary>
    public string Matrix { get; }

    /// <summary>The offset of row <see cref="Counter"/> of <see cref="Matrix"/>, e.g. <c>i * L1Units</c>.</summary>
    public string RowStart { get; }

    /// <summary>Whether to skip a step at which every broadcast scalar is 0.</summary>
    public bool SkipZeros { get; }

    /// <summary>The initial value of accumulator (k, at a unit offset).</summary>
    public Func<int, string, string> Init { get; }

    /// <summary>Writes the store of accumulator (k, at a unit offset, named, in the single-vector loop or not).</summary>
    public Action<SourceWriter, int, string, string, bool> Store { get; }

    /// <summary>
    /// Whether the stores of the single-vector loop are masked (<c>keep</c>): an in-place update must not apply the
    /// overlapping lanes of the last vector twice. Plain stores just write the same values again.
    /// </summary>
    public bool MaskTail { get; set; }

    /// <summary>A comment written once before the loop over the units: what the accumulators sum.</summary>
    public string? AccumulateComment { get; set; }

    /// <summary>A comment written before each block's stores: where the accumulators go.</summary>
    public string? StoreComment { get; set; }

    /// <summary>
    /// Writes the loop over the units: blocks of <paramref name="blockVectors"/> vectors, then single vectors, the
    /// last of which ends at the last unit (overlapping the one before when the units are not a multiple of Lanes).
    /// </summary>
    /// <remarks>A block of vectors wider than the layer at the narrowest width (4 lanes) never runs and is not written.</remarks>
    public void WriteUnits(SourceWriter writer, string units, int unitCount, int blockVectors)
    {
        if (AccumulateComment is not null)
            writer.Line("// " + AccumulateComment);
        writer.Line("int j = 0;");
        if (blockVectors > 1 && unitCount >= blockVectors * Simd.MinLanes)
        {
            string step = Names.Int(blockVectors) + " * " + Simd.Lanes;
            using (writer.Block("for (; j <= " + units + " - " + step + "; j += " + step + ")"))
                WriteBlock(writer, blockVectors, tail: false);
        }

        using (writer.Block("for (; j < " + units + "; j += " + Simd.Lanes + ")"))
        {
            if (MaskTail)
                writer.Line("var keep = j > " + units + " - " + Simd.Lanes + " ? tail : " + Names.VectorFloat + ".AllBitsSet; // the lanes this vector adds");
            writer.Line("j = " + Names.Math + ".Min(j, " + units + " - " + Simd.Lanes + "); // the last vector ends at the last unit");
            WriteBlock(writer, 1, tail: true);
        }
    }

    /// <summary>One block: declare, reduce, store <see cref="Rows"/> x <paramref name="vectors"/> accumulators at unit <c>j</c>.</summary>
    private void WriteBlock(SourceWriter writer, int vectors, bool tail)
    {
        for (int k = 0; k < Rows; k++)
        {
            IEnumerable<string> declarators = Enumerable.Range(0, vectors)
                .Select(c => Accumulator(k, c) + " = " + Init(k, Simd.Offset("j", c)));
            writer.Line(Names.VectorFloat + " " + string.Join(", ", declarators) + ";");
        }

        using (writer.Block("for (int " + Counter + " = 0; " + Counter + " < " + Bound + "; " + Counter + "++)"))
        {
            for (int k = 0; k < Rows; k++)
                writer.Line("float a" + Names.Int(k) + " = " + Scalar(k) + ";");
            if (SkipZeros)
            {
                writer.Line("if (" + string.Join(" && ", Enumerable.Range(0, Rows).Select(k => "a" + Names.Int(k) + " == 0f")) + ")");
                writer.Line("    continue;");
            }

            for (int c = 0; c < vectors; c++)
                writer.Line("var v" + Names.Int(c) + " = " + Simd.Load(Matrix, RowStart + " + " + Simd.Offset("j", c)) + ";");
            for (int k = 0; k < Rows; k++)
            {
                string broadcast = "e" + Names.Int(k);
                writer.Line("var " + broadcast + " = " + Simd.Broadcast("a" + Names.Int(k)) + ";");
                for (int c = 0; c < vectors; c++)
                    writer.Line(Accumulator(k, c) + " = " + Simd.MultiplyAdd(broadcast, "v" + Names.Int(c), Accumulator(k, c)) + ";");
            }
        }

        if (StoreComment is not null)
            writer.Line("// " + StoreComment);
        for (int k = 0; k < Rows; k++)
        {
            for (int c = 0; c < vectors; c++)
                Store(writer, k, Simd.Offset("j", c), Accumulator(k, c), tail);
        }
    }

    private static string Accumulator(int k, int c) => "s" + Names.Int(k) + Names.Int(c);
}
