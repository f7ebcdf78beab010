using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace NetGen.Distributed;

/// <summary>
/// The processes of an MPI job (<c>MPI_COMM_WORLD</c>) and the collectives NetGen's data-parallel training needs:
/// in-place allreduce, broadcast, barrier, abort. One per process: <see cref="Initialize()"/> starts MPI,
/// <see cref="Dispose"/> finalizes it.
/// </summary>
/// <remarks>
/// Collectives must be called by every rank in the same order with the same lengths (MPI's rule); a rank that stops
/// calling them leaves the others waiting, which is why <see cref="Abort"/> exists. MPI is started with
/// <c>MPI_THREAD_SERIALIZED</c>: any thread may call, one at a time. Calls allocate nothing.
/// </remarks>
public sealed unsafe class MpiCommunicator : IDisposable
{
    private static readonly object Gate = new();
    private static MpiCommunicator? _world;

    private readonly OpenMpiAbi _abi;
    private bool _finalized;

    private MpiCommunicator(OpenMpiAbi abi)
    {
        _abi = abi;
        int initialized;
        Check(_abi.Initialized(&initialized), "MPI_Initialized");
        if (initialized == 0)
        {
            int provided;
            Check(_abi.InitThread(null, null, OpenMpiAbi.ThreadSerialized, &provided), "MPI_Init_thread");
            if (provided < OpenMpiAbi.ThreadSerialized)
                throw new MpiException($"MPI provides thread level {provided}; NetGen.Distributed needs MPI_THREAD_SERIALIZED ({OpenMpiAbi.ThreadSerialized}), so that any one thread may call it.");
        }

        int rank, size;
        Check(_abi.CommRank(_abi.CommWorld, &rank), "MPI_Comm_rank");
        Check(_abi.CommSize(_abi.CommWorld, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    /// <summary>This process's rank, from 0 to <see cref="Size"/> - 1.</summary>
    public int Rank { get; }

    /// <summary>The number of processes in the job.</summary>
    public int Size { get; }

    /// <summary>Whether this is rank 0, the one that prints and saves.</summary>
    public bool IsRoot => Rank == 0;

    /// <summary>
    /// Starts MPI (once per process; later calls return the same communicator) and returns <c>MPI_COMM_WORLD</c>.
    /// A process started without <c>mpirun</c> is a job of one.
    /// </summary>
    /// <exception cref="MpiUnavailableException">Open MPI's <c>libmpi.so.40</c> is not installed; the message names the package.</exception>
    public static MpiCommunicator Initialize() => Initialize(OpenMpiAbi.LibraryName);

    /// <summary>As <see cref="Initialize()"/> from a named library (the tests pass a missing one).</summary>
    internal static MpiCommunicator Initialize(string libraryName)
    {
        lock (Gate)
        {
            if (_world is { _finalized: false })
                return _world;
            if (_world is not null)
                throw new InvalidOperationException("MPI was finalized in this process and cannot be started again (MPI's rule).");
            _world = new MpiCommunicator(OpenMpiAbi.Load(libraryName));
            return _world;
        }
    }

    /// <summary>In place, the element-wise sum over all ranks; every rank gets the result.</summary>
    /// <param name="values">The same length on every rank.</param>
    public void AllreduceSum(Span<float> values)
    {
        fixed (float* p = values)
            Check(_abi.Allreduce(OpenMpiAbi.InPlace, p, values.Length, _abi.Float, _abi.OpSum, _abi.CommWorld), "MPI_Allreduce");
    }

    /// <summary>In place, the element-wise sum over all ranks; every rank gets the result.</summary>
    /// <param name="values">The same length on every rank.</param>
    public void AllreduceSum(Span<double> values)
    {
        fixed (double* p = values)
            Check(_abi.Allreduce(OpenMpiAbi.InPlace, p, values.Length, _abi.Double, _abi.OpSum, _abi.CommWorld), "MPI_Allreduce");
    }

    /// <summary>In place, the element-wise sum over all ranks; every rank gets the result.</summary>
    /// <param name="values">The same length on every rank.</param>
    public void AllreduceSum(Span<int> values)
    {
        fixed (int* p = values)
            Check(_abi.Allreduce(OpenMpiAbi.InPlace, p, values.Length, _abi.Int, _abi.OpSum, _abi.CommWorld), "MPI_Allreduce");
    }

    /// <summary>In place, the element-wise minimum over all ranks; every rank gets the result.</summary>
    /// <param name="values">The same length on every rank.</param>
    public void AllreduceMin(Span<long> values)
    {
        fixed (long* p = values)
            Check(_abi.Allreduce(OpenMpiAbi.InPlace, p, values.Length, _abi.LongLong, _abi.OpMin, _abi.CommWorld), "MPI_Allreduce");
    }

    /// <summary>In place, the element-wise maximum over all ranks; every rank gets the result.</summary>
    /// <param name="values">The same length on every rank.</param>
    public void AllreduceMax(Span<long> values)
    {
        fixed (long* p = values)
            Check(_abi.Allreduce(OpenMpiAbi.InPlace, p, values.Length, _abi.LongLong, _abi.OpMax, _abi.CommWorld), "MPI_Allreduce");
    }

    /// <summary>Copies <paramref name="values"/> from rank <paramref name="root"/> to every other rank.</summary>
    /// <param name="values">The same length on every rank; read on the root, written on the others.</param>
    /// <param name="root">The rank that sends.</param>
    public void Broadcast(Span<float> values, int root = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        fixed (float* p = values)
            Check(_abi.Bcast(p, values.Length, _abi.Float, root, _abi.CommWorld), "MPI_Bcast");
    }

    /// <summary>Copies <paramref name="values"/> from rank <paramref name="root"/> to every other rank.</summary>
    /// <param name="values">The same length on every rank; read on the root, written on the others.</param>
    /// <param name="root">The rank that sends.</param>
    public void Broadcast(Span<byte> values, int root = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(root);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(root, Size);
        fixed (byte* p = values)
            Check(_abi.Bcast(p, values.Length, _abi.Byte, root, _abi.CommWorld), "MPI_Bcast");
    }

    /// <summary>Returns once every rank has called it.</summary>
    public void Barrier() => Check(_abi.Barrier(_abi.CommWorld), "MPI_Barrier");

    /// <summary>
    /// Ends the whole job: <c>mpirun</c> kills every rank and exits with <paramref name="errorCode"/>. Call it when
    /// this rank cannot go on, instead of leaving the others waiting in a collective.
    /// </summary>
    /// <param name="errorCode">The exit code for the job (non-zero).</param>
    [DoesNotReturn]
    public void Abort(int errorCode = 1)
    {
        Console.Out.Flush();
        Console.Error.Flush();
        _abi.Abort(_abi.CommWorld, errorCode);
        Environment.Exit(errorCode); // MPI_Abort does not return in Open MPI; this is for the record
    }

    /// <summary>Finalizes MPI (<c>MPI_Finalize</c>); every rank must call it before it exits.</summary>
    public void Dispose()
    {
        lock (Gate)
        {
            if (_finalized)
                return;
            _finalized = true;
            int finalized;
            Check(_abi.Finalized(&finalized), "MPI_Finalized");
            if (finalized == 0)
                Check(_abi.Finalize(), "MPI_Finalize");
        }
    }

    private void Check(int code, string call)
    {
        if (code != OpenMpiAbi.Success)
            throw new MpiException(string.Create(CultureInfo.InvariantCulture, $"{call} failed on rank {Rank} with error {code}: {ErrorText(code)}"), code);
    }

    private string ErrorText(int code)
    {
        byte* text = stackalloc byte[OpenMpiAbi.MaxErrorString];
        int length;
        return _abi.ErrorString(code, text, &length) == OpenMpiAbi.Success
            ? Encoding.UTF8.GetString(text, Math.Clamp(length, 0, OpenMpiAbi.MaxErrorString))
            : "(no error string)";
    }
}
