using System.Globalization;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emitting;

/// <summary>Fully qualified type names and formatting helpers used by the emitter, so emitting code reads cleanly.</summary>
internal static class Names
{
    public const string Span = "global::System.Span<float>";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string VectorFloat = "global::System.Numerics.Vector<float>";
    public const string Vector = "global::System.Numerics.Vector";
    public const string Vector128Float = "global::System.Runtime.Intrinsics.Vector128<float>";
    public const string Vector128 = "global::System.Runtime.Intrinsics.Vector128";
    public const string VectorBlock = "global::NetGen.Kernels.VectorBlock";
    public const string VectorBlock128 = "global::NetGen.Kernels.VectorBlock128";
    public const string MathF = "global::System.MathF";
    public const string Math = "global::System.Math";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string MethodImpl = "global::System.Runtime.CompilerServices.MethodImpl";
    public const string MethodImplOptions = "global::System.Runtime.CompilerServices.MethodImplOptions";
    public const string NetworkSpec = "global::NetGen.Specification.NetworkSpec";
    public const string LayerDeclaration = "global::NetGen.Specification.LayerDeclaration";
    public const string Guard = "global::NetGen.NetworkGuard";
    public const string Initializer = "global::NetGen.Initialization.ParameterInitializer";
    public const string Activations = "global::NetGen.Kernels.Activations";
    public const string Losses = "global::NetGen.Kernels.Losses";
    public const string Sgd = "global::NetGen.Kernels.Sgd";
    public const string Sparse = "global::NetGen.Kernels.Sparse";
    public const string WorkerTeam = "global::NetGen.Kernels.WorkerTeam";
    public const string SingleCallerGate = "global::NetGen.Kernels.SingleCallerGate";
    public const string ITeamWork = "global::NetGen.Kernels.ITeamWork";
    public const string ReadOnlySpanOf = "global::System.ReadOnlySpan";
    public const string SpanOf = "global::System.Span";
    public const string EpochResult = "global::NetGen.EpochResult";
    public const string Evaluation = "global::NetGen.Evaluation";
    public const string INetwork = "global::NetGen.INetwork";
    public const string IClassifier = "global::NetGen.IClassifier";
    public const string IRegressor = "global::NetGen.IRegressor";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";
    public const string DivergenceGuard = "global::NetGen.Training.DivergenceGuard";
    public const string DivergedException = "global::NetGen.Training.TrainingDivergedException";
    public const string GradientHealth = "global::NetGen.Training.GradientHealth";
    public const string MatrixProducts = "global::NetGen.Kernels.MatrixProducts";

    /// <summary>
    /// The private class nested in the network's class that holds the machinery: buffers, passes, kernels, workspaces,
    /// the team of threads. Inside it, its own members are found before anything the user declares.
    /// </summary>
    public const string Core = "NetGenCore";

    /// <summary>The network's one private field: its <see cref="Core"/>.</summary>
    public const string CoreField = "_netGen";

    /// <summary>The generator's version, written into [GeneratedCode]; snapshot tests scrub it.</summary>
    public static readonly string GeneratorVersion =
        typeof(Names).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A finite float as a C# literal that round-trips, e.g. <c>0.01f</c>.</summary>
    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";

    /// <summary>The enum member as C#, e.g. <c>global::NetGen.Activation.ReLU</c>.</summary>
    public static string Enum<T>(T value)
        where T : struct => "global::NetGen." + typeof(T).Name + "." + value;

    /// <summary>Weights of a layer: <c>W1</c>.</summary>
    public static string Weights(LayerModel layer) => "W" + Int(layer.Number);

    /// <summary>Bias of a layer: <c>B1</c> (C# member; the checkpoint name is <c>b1</c>).</summary>
    public static string Bias(LayerModel layer) => "B" + Int(layer.Number);
}
