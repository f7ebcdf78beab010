using System;

namespace NetGen.Distributed;

/// <summary>An MPI call returned an error code (with Open MPI's default error handler the job aborts before this is seen).</summary>
public sealed class MpiException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="message">What failed, with MPI's own error string.</param>
    /// <param name="errorCode">The code the call returned.</param>
    public MpiException(string message, int errorCode)
        : base(message)
    {
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MpiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public MpiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public MpiException()
        : base("An MPI call failed.")
    {
    }

    /// <summary>The MPI error code the call returned (0 when not from a call).</summary>
    public int ErrorCode { get; }
}
