using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Diagnostics;

/// <summary>
/// Every diagnostic's message names the network (and the layer, where one is at fault) and says what to change
/// (house style R9). One case per id; a new descriptor without a case here fails <see cref="EveryDescriptor_HasAMessageCase"/>.
/// </summary>
public sealed class DiagnosticMessageTests
{
    /// <summary>Per id: a declaration that reports it, and the fragments its message must contain.</summary>
    private static readonly Dictionary<string, (string Declaration, string[] Fragments)> Cases = new()
    {
        ["NG0001"] = ("[Network(4)] [Dense(2)] public class Net { }", ["'Net'", "write 'partial class Net'"]),
        ["NG0002"] = ("[Dense(2)] public partial class Net { }", ["'Net'", "add [Network(inputs)] to the class"]),
        ["NG0003"] = ("[Network(4)] public partial class Net { }", ["'Net'", "add at least one [Dense(units)]"]),
        ["NG0004"] = ("[Network(-1)] [Dense(2)] public partial class Net { }", ["'Net'", "-1 inputs", "from 1 to 1048576", "set the argument of [Network]"]),
        ["NG0005"] = ("[Network(4)] [Dense(3)] [Dense(-2)] public partial class Net { }", ["Layer 2 of 'Net'", "-2 units", "change the first argument of this [Dense]"]),
        ["NG0006"] = ("[Network(4, MaxBatch = 70000)] [Dense(2)] public partial class Net { }", ["'Net'", "70000", "from 1 to 65536", "set MaxBatch to"]),
        ["NG0007"] = ("[Network(4)] [Dense(2)] public partial class Net<T> { }", ["'Net'", "declare the network on a non-generic class"]),
        ["NG0008"] = ("[Network(4)] [Dense(3)] public partial class Net { } [Dense(2)] public partial class Net { }", ["'Net'", "put every [Dense] attribute on one declaration"]),
        ["NG0009"] = ("[Network(4)] [Network(5)] [Dense(2)] public partial class Net { }", ["'Net'", "remove this one"]),
        ["NG0010"] = ("[Network(4)] [Dense(1)] public partial class Net { }", ["'Net'", "widen the output layer", "or use Loss.SquaredError"]),
        ["NG0011"] = ("[Network(4)] [Dense(3, Activation.Sigmoid)] public partial class Net { }", ["'Net'", "use Activation.Identity (the default) instead of Activation.Sigmoid"]),
        ["NG0012"] = ("[Network(4)] [Dense(3, WeightInit = Init.Zeros)] [Dense(2)] public partial class Net { }", ["Layer 1 of 'Net'", "use WeightInit = Init.XavierNormal"]),
        ["NG0013"] = ("[Network(4)] [Dense(3)] [Dense(2, (Activation)42)] public partial class Net { }", ["The activation of layer 2 of 'Net' is 42", "use one of Activation.Identity, Activation.ReLU"]),
        ["NG0014"] = ("[Network(1048576, MaxBatch = 1)] [Dense(1048576)] public partial class Net { }", ["'Net'", "above the limit of 67108864", "narrow its widest layers"]),
        ["NG0015"] = ("[Network(4, Loss = Loss.SquaredError)] " + string.Concat(Enumerable.Repeat("[Dense(2)] ", 65)) + "public partial class Net { }", ["'Net'", "65 layers", "remove this [Dense] and the ones after it"]),
        ["NG0016"] = ("[Network(1048576, MaxBatch = 65536)] [Dense(2)] public partial class Net { }", ["'Net'", "set MaxBatch to at most 127"]),
        ["NG0017"] = ("public class Outer { [Network(4)] [Dense(2)] public partial class Net { } }", ["'Outer' encloses the network 'Net'", "write 'partial' on 'Outer'"]),
        ["NG0018"] = ("[Network(4)] [Dense(2)] public static partial class Net { }", ["'Net'", "remove 'static'"]),
        ["NG0019"] = ("[Network(4)] [Dense(2)] public partial record Net;", ["'Net'", "declare it as 'partial class Net'"]),
        ["NG0020"] = ("[Network(4)] [Dense(2)] file partial class Net { }", ["'Net'", "remove the 'file' modifier"]),
        ["NG0021"] = ("[Network(4)] [Dense(2)] public partial class Base { } [Network(4)] [Dense(2)] public partial class Net : Base { }", ["'Net' derives from the network 'Base'", "derive 'Net' from a class that is not a network"]),
        ["NG0022"] = ("[Network(4)] [Dense(2)] public partial class Net { public float[] W1 = new float[8]; }", ["'Net' declares a member named 'W1'", "rename 'W1'"]),
        ["NG0023"] = ("[Network(4)] [Dense(3, Bias = false, BiasInit = Init.XavierNormal)] [Dense(2)] public partial class Net { }", ["Layer 1 of 'Net' sets BiasInit but has Bias = false", "remove BiasInit, or set Bias = true"]),
        ["NG0024"] = ("[Network(4)] [Dense(2)] public partial class Forward { }", ["The network class 'Forward'", "rename the class"]),
        ["NG0025"] = ("public class Base { protected int _parameters; } [Network(4)] [Dense(2)] public partial class Net : Base { }", ["'Net' inherits a member named '_parameters' from 'Base'", "rename '_parameters' in 'Base', or do not derive 'Net' from it"]),
        ["NG0026"] = ("[Network(4)] [Dense(3, Activation.LeakyReLU, NegativeSlope = 1.5f)] [Dense(2)] public partial class Net { }", ["Layer 1 of 'Net' has NegativeSlope 1.5", "finite and in [0, 1)", "use a small slope such as 0.01"]),
        ["NG0027"] = ("[Network(4)] [Dense(3, Activation.ReLU, NegativeSlope = 0.1f)] [Dense(2)] public partial class Net { }", ["Layer 1 of 'Net' sets NegativeSlope but its activation is ReLU", "remove NegativeSlope, or use Activation.LeakyReLU"]),
    };

    public static TheoryData<string> Ids => new(Cases.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Message_NamesTheNetwork_AndSaysWhatToChange(string id)
    {
        (string declaration, string[] fragments) = Cases[id];
        string source = "using NetGen;\n\nnamespace Demo;\n\n" + declaration + "\n";
        GeneratorRun run = id == "NG0009"
            ? GeneratorDriverHarness.RunOnBrokenCode(source)
            : GeneratorDriverHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics(id));
        string message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, message, StringComparison.Ordinal);
        // What to change comes after a colon, phrased as an instruction.
        Assert.Contains(": ", message, StringComparison.Ordinal);
        Assert.False(message.EndsWith('.'), "Messages end without a period (the descriptions add one): " + message);
    }

    [Fact]
    public void EveryDescriptor_HasAMessageCase()
    {
        string[] ids = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => ((DiagnosticDescriptor)f.GetValue(null)!).Id)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(ids, Cases.Keys.Order(StringComparer.Ordinal).ToArray());
    }
}
