using System.Collections.Immutable;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

/// <summary>
/// Writes the C# of one network from its plan, one file per concern: the public surface a user reads, the passes,
/// the kernels, the threading, the divergence guard and gradient health, the second-order code. Pure: no Roslyn types,
/// no state; the same plan always gives the same files. The emitters only write what the plan says.
/// </summary>
internal static class NetworkEmitter
{
    /// <summary>The generated files for <paramref name="model"/>, from its plan.</summary>
    public static ImmutableArray<GeneratedFile> Emit(NetworkModel model) => Emit(NetworkPlanner.Plan(model));

    /// <summary>The generated files for the network <paramref name="plan"/> was made for, the public surface first.</summary>
    public static ImmutableArray<GeneratedFile> Emit(NetworkPlan plan)
    {
        GeneratedFileWriter surface = GeneratedFileWriter.Surface(plan, writer => SurfaceEmitter.WriteTypeRemarks(writer, plan));
        GeneratedFileWriter passes = GeneratedFileWriter.Core(plan, GeneratedFileWriter.Passes, "The machinery: buffers, argument checks, and the passes over a batch.", nullable: true);
        GeneratedFileWriter kernels = GeneratedFileWriter.Core(plan, GeneratedFileWriter.Kernels, "The kernels: each layer's forward, backward, propagate and update methods, optimized from the first call.", nullable: false);
        GeneratedFileWriter threading = GeneratedFileWriter.Core(plan, GeneratedFileWriter.Threading, "The step on a team of threads: blocks of rows, then pieces of the layers' inputs.", nullable: true);
        GeneratedFileWriter guard = GeneratedFileWriter.Core(plan, GeneratedFileWriter.Guard, "The divergence guard, and the epoch that measures gradient health.", nullable: true);
        GeneratedFileWriter secondOrder = GeneratedFileWriter.Core(plan, GeneratedFileWriter.SecondOrder, "Second order: the Hessian-vector product by the R-operator.", nullable: true);

        SurfaceEmitter.Write(surface.Writer, plan);
        CoreStateEmitter.Write(passes.Writer, plan);
        InferenceEmitter.Write(surface.Writer, passes.Writer, plan);
        TrainingEmitter.Write(surface.Writer, passes.Writer, plan);
        PassEmitter.Write(passes.Writer, plan);
        LossEmitter.Write(passes.Writer, plan);
        KernelEmitter.Write(kernels.Writer, plan);
        ThreadingEmitter.Write(threading.Writer, plan);
        HealthEmitter.Write(surface.Writer, guard.Writer, plan);
        GuardEmitter.Write(guard.Writer, plan);
        HessianEmitter.Write(surface.Writer, secondOrder.Writer, plan);

        return ImmutableArray.Create(surface.Finish(), passes.Finish(), kernels.Finish(), threading.Finish(), guard.Finish(), secondOrder.Finish());
    }
}
