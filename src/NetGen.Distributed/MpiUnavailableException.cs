using System;

namespace NetGen.Distributed;

/// <summary>Open MPI cannot be used on this machine: its library is missing or is not a supported version. The message says what to install.</summary>
public sealed class MpiUnavailableException : Exception
{
    /// <summary>Creates the exception with a message that names what to install.</summary>
    public MpiUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public MpiUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MpiUnavailableException()
        : base("Open MPI is not available. " + OpenMpiAbi.InstallHint)
    {
    }
}
