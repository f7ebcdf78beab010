using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Tests.Infrastructure;

/// <summary>Network models built by hand, with offsets laid out as the parser lays them: per layer, weights then bias.</summary>
internal static class Models
{
    /// <summary>A model of the given layers; the hint name is the dotted namespace, containing types and name.</summary>
    public static NetworkModel Build(
        string? ns,
        ContainingTypeModel[] containing,
        string name,
        int inputs,
        Loss loss,
        Reduction reduction,
        int maxBatch,
        params (int Units, Activation Activation, bool Bias, Init WeightInit, Init BiasInit)[] layers)
    {
        var models = new List<LayerModel>();
        int offset = 0;
        int fanIn = inputs;
        foreach ((int units, Activation activation, bool bias, Init weightInit, Init biasInit) in layers)
        {
            models.Add(new LayerModel(models.Count, fanIn, units, activation, bias, weightInit, biasInit, offset, bias ? offset + fanIn * units : -1));
            offset += fanIn * units + (bias ? units : 0);
            fanIn = units;
        }

        string hintName = string.Join(".", new[] { ns }.Concat(containing.Select(c => c.Name)).Append(name).OfType<string>()) + ".g.cs";
        return new NetworkModel(ns, name, containing.ToEquatableArray(), hintName, inputs, loss, reduction, maxBatch, models.ToEquatableArray());
    }

    /// <summary>A bias-free regressor (or classifier) of the given widths and activations, in namespace <c>Planned</c>.</summary>
    public static NetworkModel Widths(int inputs, int maxBatch, Loss loss, params (int Units, Activation Activation)[] layers) =>
        Build("Planned", [], "Net", inputs, loss, Reduction.Mean, maxBatch,
            layers.Select(layer => (layer.Units, layer.Activation, false, Init.XavierNormal, Init.Zeros)).ToArray());
}
