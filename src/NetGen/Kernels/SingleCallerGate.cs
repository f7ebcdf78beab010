using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Threading;

namespace NetGen.Kernels;

/// <summary>
/// Admits one caller at a time into a generated network's public members: a second thread that calls in while a call is
/// running gets an <see cref="InvalidOperationException"/> before anything is written, instead of racing the first
/// through the shared buffers (wrong outputs, NaN parameters, a spurious divergence, or a multi-threaded epoch whose two
/// callers wait for each other's workers forever).
/// </summary>
/// <remarks>
/// The generated code opens every member that touches the instance's buffers with
/// <c>using var caller = _callerGate.Enter("Member");</c>. Entering is one atomic exchange on an uncontended flag, leaving
/// a plain write; a call on one thread after another's has returned is always admitted (the exchange and the write
/// order the calls' memory).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleCallerGate
{
    private readonly string _typeName;
    private int _busy;

    /// <summary>Creates the gate of one network instance.</summary>
    /// <param name="typeName">The network's type name, for the message.</param>
    public SingleCallerGate(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        _typeName = typeName;
    }

    /// <summary>Admits the caller, or throws if another call on the same instance is running.</summary>
    /// <param name="member">The member being called, for the message.</param>
    /// <returns>The admission; disposing it lets the next caller in.</returns>
    /// <exception cref="InvalidOperationException">Another call on this instance has not returned.</exception>
    public Scope Enter(string member)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
            ThrowBusy(member);
        return new Scope(this);
    }

    [DoesNotReturn]
    private void ThrowBusy(string member) =>
        throw new InvalidOperationException(
            $"{_typeName}.{member} was called while another call on the same {_typeName} instance is running on another thread; nothing was written. " +
            "A network instance serves one caller at a time: give each thread its own instance, or train one instance on several threads with " +
            "TrainEpoch(..., degreeOfParallelism).");

    /// <summary>One admitted call; <see cref="Dispose"/> ends it.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly SingleCallerGate _gate;

        internal Scope(SingleCallerGate gate) => _gate = gate;

        /// <summary>Lets the next caller in.</summary>
        public void Dispose() => Volatile.Write(ref _gate._busy, 0);
    }
}
