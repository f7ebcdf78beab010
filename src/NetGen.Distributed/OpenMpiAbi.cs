using System;
using System.Runtime.InteropServices;

namespace NetGen.Distributed;

/// <summary>
/// Every detail of the MPI C ABI that NetGen.Distributed depends on, in one place: the library's file name, the
/// predefined handles, <c>MPI_IN_PLACE</c>, the thread levels and the signatures of the nine functions it calls.
/// </summary>
/// <remarks>
/// <para><b>Supported:</b> Open MPI 4.0 and 4.1 (<c>libmpi.so.40</c>; checked against Debian 12's Open MPI 4.1.4
/// <c>mpi.h</c>), and Open MPI 5.0, which keeps the same library name and the same handle scheme. In Open MPI a
/// handle (<c>MPI_Comm</c>, <c>MPI_Datatype</c>, <c>MPI_Op</c>) is a pointer: <c>mpi.h</c> defines
/// <c>MPI_COMM_WORLD</c> as <c>&amp;ompi_mpi_comm_world</c>, <c>MPI_FLOAT</c> as <c>&amp;ompi_mpi_float</c>,
/// <c>MPI_SUM</c> as <c>&amp;ompi_mpi_op_sum</c>, so the handles here are the addresses of those exported
/// symbols. <c>MPI_IN_PLACE</c> is <c>(void *) 1</c>; <c>MPI_THREAD_SERIALIZED</c> is 2.</para>
/// <para><b>Not supported:</b> MPICH, Intel MPI, MVAPICH and Microsoft MPI (<c>libmpi.so.12</c>, <c>msmpi.dll</c>),
/// whose handles are integers (<c>MPI_COMM_WORLD = 0x44000000</c>) and whose <c>MPI_IN_PLACE</c> is
/// <c>(void *) -1</c>; passing those to Open MPI, or these to them, crashes. Supporting them means a second
/// implementation of this file, nothing else.</para>
/// <para>The functions are resolved with <see cref="NativeLibrary"/> rather than <c>DllImport</c>, so that a machine
/// without the library gets <see cref="MpiUnavailableException"/> with the package to install when the
/// communicator is created, not a <see cref="DllNotFoundException"/> at the first call.</para>
/// </remarks>
internal sealed unsafe class OpenMpiAbi
{
    /// <summary>Open MPI's shared library (soname of Open MPI 4.x and 5.x).</summary>
    public const string LibraryName = "libmpi.so.40";

    /// <summary>What to install when the library is missing.</summary>
    public const string InstallHint =
        "Install Open MPI: on Debian or Ubuntu 'apt-get install openmpi-bin libopenmpi-dev' (mpirun and libmpi.so.40); " +
        "elsewhere Open MPI 4.x or 5.x from the system's packages. MPICH and Intel MPI are not supported (a different ABI).";

    /// <summary><c>MPI_IN_PLACE</c>: <c>(void *) 1</c> in Open MPI.</summary>
    public static readonly void* InPlace = (void*)1;

    /// <summary><c>MPI_THREAD_SERIALIZED</c>: any thread may call MPI, one at a time.</summary>
    public const int ThreadSerialized = 2;

    /// <summary><c>MPI_SUCCESS</c>.</summary>
    public const int Success = 0;

    /// <summary><c>MPI_MAX_ERROR_STRING</c> (<c>OPAL_MAX_ERROR_STRING</c>, 256).</summary>
    public const int MaxErrorString = 256;

    private OpenMpiAbi(nint library)
    {
        CommWorld = NativeLibrary.GetExport(library, "ompi_mpi_comm_world");
        Float = NativeLibrary.GetExport(library, "ompi_mpi_float");
        Double = NativeLibrary.GetExport(library, "ompi_mpi_double");
        Int = NativeLibrary.GetExport(library, "ompi_mpi_int");
        LongLong = NativeLibrary.GetExport(library, "ompi_mpi_long_long_int");
        Byte = NativeLibrary.GetExport(library, "ompi_mpi_byte");
        OpSum = NativeLibrary.GetExport(library, "ompi_mpi_op_sum");
        OpMin = NativeLibrary.GetExport(library, "ompi_mpi_op_min");
        OpMax = NativeLibrary.GetExport(library, "ompi_mpi_op_max");

        InitThread = (delegate* unmanaged<int*, byte***, int, int*, int>)NativeLibrary.GetExport(library, "MPI_Init_thread");
        Initialized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Initialized");
        Finalized = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(library, "MPI_Finalized");
        CommRank = (delegate* unmanaged<nint, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_rank");
        CommSize = (delegate* unmanaged<nint, int*, int>)NativeLibrary.GetExport(library, "MPI_Comm_size");
        Allreduce = (delegate* unmanaged<void*, void*, int, nint, nint, nint, int>)NativeLibrary.GetExport(library, "MPI_Allreduce");
        Bcast = (delegate* unmanaged<void*, int, nint, int, nint, int>)NativeLibrary.GetExport(library, "MPI_Bcast");
        Barrier = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "MPI_Barrier");
        Abort = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "MPI_Abort");
        Finalize = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "MPI_Finalize");
        ErrorString = (delegate* unmanaged<int, byte*, int*, int>)NativeLibrary.GetExport(library, "MPI_Error_string");
    }

    /// <summary><c>MPI_COMM_WORLD</c>.</summary>
    public nint CommWorld { get; }

    /// <summary><c>MPI_FLOAT</c>.</summary>
    public nint Float { get; }

    /// <summary><c>MPI_DOUBLE</c>.</summary>
    public nint Double { get; }

    /// <summary><c>MPI_INT</c>.</summary>
    public nint Int { get; }

    /// <summary><c>MPI_LONG_LONG</c> (64-bit).</summary>
    public nint LongLong { get; }

    /// <summary><c>MPI_BYTE</c>.</summary>
    public nint Byte { get; }

    /// <summary><c>MPI_SUM</c>.</summary>
    public nint OpSum { get; }

    /// <summary><c>MPI_MIN</c>.</summary>
    public nint OpMin { get; }

    /// <summary><c>MPI_MAX</c>.</summary>
    public nint OpMax { get; }

    /// <summary><c>int MPI_Init_thread(int *argc, char ***argv, int required, int *provided)</c>.</summary>
    public delegate* unmanaged<int*, byte***, int, int*, int> InitThread { get; }

    /// <summary><c>int MPI_Initialized(int *flag)</c>.</summary>
    public delegate* unmanaged<int*, int> Initialized { get; }

    /// <summary><c>int MPI_Finalized(int *flag)</c>.</summary>
    public delegate* unmanaged<int*, int> Finalized { get; }

    /// <summary><c>int MPI_Comm_rank(MPI_Comm comm, int *rank)</c>.</summary>
    public delegate* unmanaged<nint, int*, int> CommRank { get; }

    /// <summary><c>int MPI_Comm_size(MPI_Comm comm, int *size)</c>.</summary>
    public delegate* unmanaged<nint, int*, int> CommSize { get; }

    /// <summary><c>int MPI_Allreduce(const void *sendbuf, void *recvbuf, int count, MPI_Datatype, MPI_Op, MPI_Comm)</c>.</summary>
    public delegate* unmanaged<void*, void*, int, nint, nint, nint, int> Allreduce { get; }

    /// <summary><c>int MPI_Bcast(void *buffer, int count, MPI_Datatype, int root, MPI_Comm)</c>.</summary>
    public delegate* unmanaged<void*, int, nint, int, nint, int> Bcast { get; }

    /// <summary><c>int MPI_Barrier(MPI_Comm comm)</c>.</summary>
    public delegate* unmanaged<nint, int> Barrier { get; }

    /// <summary><c>int MPI_Abort(MPI_Comm comm, int errorcode)</c>.</summary>
    public delegate* unmanaged<nint, int, int> Abort { get; }

    /// <summary><c>int MPI_Finalize(void)</c>.</summary>
    public delegate* unmanaged<int> Finalize { get; }

    /// <summary><c>int MPI_Error_string(int errorcode, char *string, int *resultlen)</c>.</summary>
    public delegate* unmanaged<int, byte*, int*, int> ErrorString { get; }

    /// <summary>Loads the library and resolves every symbol; throws <see cref="MpiUnavailableException"/> if either fails.</summary>
    /// <param name="libraryName">The library to load; <see cref="LibraryName"/> except in tests of the failure.</param>
    public static OpenMpiAbi Load(string libraryName = LibraryName)
    {
        if (!OperatingSystem.IsLinux())
            throw new MpiUnavailableException($"NetGen.Distributed runs on Linux with Open MPI ({LibraryName}); this is {RuntimeInformation.OSDescription}. {InstallHint}");
        if (!NativeLibrary.TryLoad(libraryName, out nint library))
            throw new MpiUnavailableException($"Open MPI's library {libraryName} was not found, so NetGen.Distributed cannot run. {InstallHint}");
        try
        {
            return new OpenMpiAbi(library);
        }
        catch (EntryPointNotFoundException missing)
        {
            throw new MpiUnavailableException($"{libraryName} is not Open MPI 4.x or 5.x: {missing.Message} {InstallHint}", missing);
        }
    }
}
