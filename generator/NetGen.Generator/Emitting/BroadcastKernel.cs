using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes the register-blocked loop at the heart of every wide kernel:
/// <code>
/// S[t, :] (+)= sum over steps of a_t * M[row(step), :]            for t in [0, Sources)
/// </code>
/// a few broadcast scalars <c>a_t</c> per step (one per row of the output block, or per input of a weight block),
/// times one row of a row-major matrix <c>M</c>, with the <c>Sources x vectors</c> accumulators in registers. The
/// forward pass runs it over a row's inputs (<c>M = W</c>), the weight gradient over the batch (<c>M = G</c>), the
/// backward pass over the next layer's units (<c>M = W^T</c>). Steps come from a loop the caller writes: every input,
/// every row, or a list of the nonzero ones.
/// </summary>
/// <remarks>
/// <para>The units (the vectorized dimension) are covered in passes of up to <see cref="MaxVectors"/> vectors. How many
/// fit and where each starts depends on <c>Vector&lt;float&gt;.Count</c>, so the kernel asks
/// <c>NetGen.Kernels.VectorBlock</c>, whose answers the JIT folds to constants: at 8 lanes a 100-unit layer with 13
/// vectors is one pass whose 13th vector ends at unit 100; vectors a narrower layout does not need sit behind
/// <c>if (vectors &gt; c)</c>, which disappears from the compiled code.</para>
/// <para>Shape of the output for 2 sources and 2 vectors:</para>
/// <code>
/// int vectors = VectorBlock.Count(Units, 2);
/// for (int j = 0; j &lt; Units; j += vectors * Lanes)
/// {
///     j = VectorBlock.PassStart(j, Units, 2);
///     int at1 = VectorBlock.Offset(1, Units, 2);
///     ref float mj = ref Unsafe.Add(ref m, j);
///     Vec s0_0 = init, s0_1 = init;
///     Vec s1_0 = init, s1_1 = init;
///     loop
///     {
///         ref float row = ref Unsafe.Add(ref mj, rowOffset);
///         var e0 = new Vec(a0); var e1 = new Vec(a1);
///         var v = Simd.LoadUnsafe(ref row); s0_0 = Simd.MultiplyAddEstimate(e0, v, s0_0); s1_0 = ...;
///         v = Simd.LoadUnsafe(ref row, (nuint)at1); s0_1 = ...; s1_1 = ...;
///     }
///     store(0, 0, s0_0); ...
/// }
/// </code>
/// </remarks>
internal sealed class BroadcastKernel
{
    /// <summary>The vector type the kernel is written for.</summary>
    public VectorWidth Width { get; init; } = VectorWidth.Natural;

    /// <summary>How many broadcast scalars (rows of accumulators): 1 to 4.</summary>
    public int Sources { get; init; } = 1;

    /// <summary>The most vectors of units one pass keeps in registers per source.</summary>
    public int MaxVectors { get; init; } = 1;

    /// <summary>The units the kernel covers: the name of a constant, e.g. <c>L1Units</c>.</summary>
    public string Units { get; init; } = string.Empty;

    /// <summary>The units as a number, to decide which vectors need a guard.</summary>
    public int UnitCount { get; init; }

    /// <summary>The <c>ref float</c> of the matrix whose rows are loaded, e.g. <c>w1</c>.</summary>
    public string Matrix { get; init; } = string.Empty;

    /// <summary>The loop over the steps, e.g. <c>for (int i = 0; i &lt; L1Inputs; i++)</c>.</summary>
    public string Loop { get; init; } = string.Empty;

    /// <summary>The offset of the step's row of <see cref="Matrix"/>, e.g. <c>i * L1Units</c>.</summary>
    public string RowOffset { get; init; } = string.Empty;

    /// <summary>The scalar of source <c>t</c> at the current step.</summary>
    public Func<int, string> Scalar { get; init; } = _ => "0f";

    /// <summary>The initial value of the accumulator of source <c>t</c> whose first lane is at the given unit.</summary>
    public Func<int, string, string> Init { get; init; } = (_, _) => string.Empty;

    /// <summary>
    /// Writes what happens to accumulator <c>(t, c)</c> after the loop; the arguments are the writer, the source, the
    /// vector, the accumulator's name and the unit in its first lane (<c>j</c> or <c>j + at3</c>).
    /// </summary>
    public Action<SourceWriter, int, int, string, string> Store { get; init; } = (_, _, _, _, _) => { };

    /// <summary>
    /// Whether the stores update memory in place, so that a unit overlapped by two vectors must be written once: the
    /// pass then records <c>done</c>, the first unit it did not reach before moving back.
    /// </summary>
    public bool InPlace { get; init; }

    /// <summary>Writes the passes over the units.</summary>
    public void Write(SourceWriter writer)
    {
        int k = MaxVectors;
        int always = AlwaysPresent();
        VectorWidth w = Width;
        writer.Line("int vectors = " + w.Block + ".Count(" + Units + ", " + Names.Int(k) + ");");
        using (writer.Block("for (int j = 0; j < " + Units + "; j += vectors * " + w.Lanes + ")"))
        {
            if (InPlace)
                writer.Line("int done = j; // units before it were written by an earlier pass");
            writer.Line("j = " + w.Block + ".PassStart(j, " + Units + ", " + Names.Int(k) + "); // the last pass ends at the last unit");
            if (k > 1)
            {
                writer.Line("// Where each vector starts in the pass; the last vector of a single pass ends at the last unit.");
                foreach (string line in Chunk(Enumerable.Range(1, k - 1).Select(c => At(c) + " = " + w.Block + ".Offset(" + Names.Int(c) + ", " + Units + ", " + Names.Int(k) + ")"), 3))
                    writer.Line("int " + line + ";");
            }

            writer.Line("ref float mj = ref " + Names.Unsafe + ".Add(ref " + Matrix + ", j);");
            for (int t = 0; t < Sources; t++)
            {
                IEnumerable<string> declarators = Enumerable.Range(0, k).Select(c =>
                {
                    string init = Init(t, Unit(c));
                    return Accumulator(t, c) + " = " + (init.Length == 0 ? w.Zero : init);
                });
                writer.Line(w.Type + " " + string.Join(", ", declarators) + ";");
            }

            using (writer.Block(Loop))
            {
                writer.Line("ref float row = ref " + Names.Unsafe + ".Add(ref mj, " + RowOffset + ");");
                writer.Line(string.Join(" ", Enumerable.Range(0, Sources).Select(t => "var e" + Names.Int(t) + " = " + w.Broadcast(Scalar(t)) + ";")));
                for (int c = 0; c < k; c++)
                {
                    string load = (c == 0 ? "var v = " : "v = ") + w.Load("row", Offset(c)) + ";";
                    string fmas = string.Join(" ", Enumerable.Range(0, Sources).Select(t =>
                        Accumulator(t, c) + " = " + w.MultiplyAdd("e" + Names.Int(t), "v", Accumulator(t, c)) + ";"));
                    writer.Line(c < always || c == 0 ? load + " " + fmas : "if (vectors > " + Names.Int(c) + ") { " + load + " " + fmas + " }");
                }
            }

            for (int c = 0; c < k; c++)
            {
                if (c < always)
                {
                    for (int t = 0; t < Sources; t++)
                        Store(writer, t, c, Accumulator(t, c), Unit(c));
                    continue;
                }

                using (writer.Block("if (vectors > " + Names.Int(c) + ")"))
                {
                    for (int t = 0; t < Sources; t++)
                        Store(writer, t, c, Accumulator(t, c), Unit(c));
                }
            }
        }
    }

    /// <summary>The unit offset of vector <paramref name="c"/> in the pass, relative to <c>j</c>: <c>at3</c>, or 0.</summary>
    public static string Offset(int c) => c == 0 ? "0" : At(c);

    /// <summary><c>j</c> or <c>j + at3</c>: the unit in the first lane of vector <paramref name="c"/>.</summary>
    public static string Unit(int c) => c == 0 ? "j" : "j + " + At(c);

    /// <summary>
    /// The vectors every width needs (4, 8 or 16 lanes): those below it need no guard. At 16 lanes a row of
    /// <see cref="UnitCount"/> units needs the fewest vectors.
    /// </summary>
    private int AlwaysPresent() => Math.Min(MaxVectors, (UnitCount + Width.MostLanes - 1) / Width.MostLanes);

    private static string At(int c) => "at" + Names.Int(c);

    private static string Accumulator(int t, int c) => "s" + Names.Int(t) + "_" + Names.Int(c);

    private static IEnumerable<string> Chunk(IEnumerable<string> items, int size)
    {
        var list = items.ToList();
        for (int i = 0; i < list.Count; i += size)
            yield return string.Join(", ", list.Skip(i).Take(size));
    }
}
