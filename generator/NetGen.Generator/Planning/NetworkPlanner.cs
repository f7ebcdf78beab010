using System;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The pure function from a network's model to its <see cref="NetworkPlan"/>: the thresholds and block sizes every
/// kernel is shaped by live here, once.
/// </summary>
internal static class NetworkPlanner
{
    /// <summary>The fewest inputs for which the first layer lists its nonzero inputs instead of reading them all.</summary>
    public const int MinListInputs = 32;

    /// <summary>The most vectors of units a kernel keeps in registers per row: 13 covers 100 units at 8 lanes.</summary>
    public const int MaxRegisterVectors = 13;

    /// <summary>The fewest floats a <c>Vector&lt;float&gt;</c> holds on any .NET platform (16 bytes).</summary>
    public const int MinLanes = 4;

    /// <summary>The most floats a <c>Vector&lt;float&gt;</c> holds: the runtime caps it at 512 bits.</summary>
    public const int MaxLanes = 16;

    /// <summary>The fewest units for which a layer after the first keeps a transposed copy of its weights.</summary>
    public const int MinTransposedUnits = 4;

    /// <summary><c>NetGen.Kernels.Sparse.Padding</c>: the room past the longest list the sparse kernels need.</summary>
    public const int SparsePadding = 16;

    /// <summary>The rows of a piece of the threaded rows phase: a multiple of every kernel's row block.</summary>
    public const int RowsPerPiece = 4;

    /// <summary>The inputs of a piece of the threaded update phase.</summary>
    public const int InputsPerPiece = 16;

    /// <summary>The plan of <paramref name="model"/>.</summary>
    public static NetworkPlan Plan(NetworkModel model) =>
        new(
            model,
            model.Layers.Select(layer => PlanLayer(model, layer)).ToEquatableArray(),
            Math.Max(model.InputSize, model.MaxBatch) + SparsePadding,
            RowsPerPiece,
            InputsPerPiece);

    private static LayerPlan PlanLayer(NetworkModel model, LayerModel layer)
    {
        bool first = layer.Index == 0;
        return new LayerPlan(
            layer,
            OneRowBatches: model.MaxBatch == 1,
            KeepsPreActivation: layer.Activation is Activation.Sigmoid or Activation.Tanh or Activation.Softplus
                or Activation.LeakyReLU or Activation.SiLU or Activation.GELU,
            ListsInputs: first && layer.Inputs >= MinListInputs,
            HasTransposedWeights: !first && layer.Units >= MinTransposedUnits,
            Forward: Kernel(layer.Units, model.MaxBatch),
            WeightGradient: Kernel(layer.Units, int.MaxValue),
            Propagate: Kernel(layer.Inputs, int.MaxValue),
            UpdatePieces: (layer.Inputs + InputsPerPiece - 1) / InputsPerPiece);
    }

    /// <summary>A register-blocked kernel over <paramref name="units"/>, whose row blocks never exceed <paramref name="maxRows"/>.</summary>
    private static KernelPlan Kernel(int units, int maxRows)
    {
        UnitFit fit = units < MinLanes ? UnitFit.Scalar : units >= MaxLanes ? UnitFit.Vector : UnitFit.Either;
        return new KernelPlan(units, fit, Block(VectorsFor(units), maxRows), Block((units + 3) / 4, maxRows));
    }

    private static RegisterBlock Block(int vectors, int maxRows)
    {
        int rows = RowsFor(vectors);
        return new RegisterBlock(maxRows >= rows ? rows : 1, vectors);
    }

    /// <summary>
    /// The vectors a register block holds per row for <paramref name="units"/> units, as counted at 8 lanes (the x64
    /// default): all of them up to <see cref="MaxRegisterVectors"/>.
    /// </summary>
    public static int VectorsFor(int units) => Math.Max(1, Math.Min(MaxRegisterVectors, (units + 7) / 8));

    /// <summary>
    /// The rows (or inputs) a register block shares each loaded vector between: as many as fit in 32 vector registers
    /// (x64 with AVX-512, Arm64) beside one loaded vector and their broadcasts: 4 rows of up to 6 vectors, else 2.
    /// </summary>
    public static int RowsFor(int vectors) => vectors <= 6 ? 4 : 2;
}
