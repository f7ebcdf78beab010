using NetGen.Generator.Planning;

namespace NetGen.Generator.Emitting;

// One caller at a time: every public member that touches the instance's buffers opens with the runtime's gate
// (NetGen.Kernels.SingleCallerGate), so that a second thread calling in is refused before anything is written.
internal static partial class NetworkEmitter
{
    // private readonly SingleCallerGate _callerGate = new SingleCallerGate("Net");
    private static void WriteCallerGateField(SourceWriter writer, NetworkPlan plan)
    {
        writer.Line("private readonly " + Names.SingleCallerGate + " _callerGate = new " + Names.SingleCallerGate + "(\"" + plan.TypeName + "\");");
    }

    // using var caller = _callerGate.Enter("Member");  (the first statement of the member: it covers the argument checks too)
    private static void WriteCallerGate(SourceWriter writer, string member)
    {
        writer.Line("using var caller = _callerGate.Enter(\"" + member + "\");");
    }
}
