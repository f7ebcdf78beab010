using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetGen.IntegrationTests.RandomNetworks;

/// <summary>
/// A random <c>[Network]</c> declaration, written as C# the way a user would: 1 to 4 layers, widths from 1 to 40 with
/// the awkward ones (1, 3, 7, 9, 17, 33) and the vector multiples (4, 8, 16, 32) drawn often, every activation, loss,
/// reduction and initializer (LeakyReLU with a slope of 0 to 0.9), bias on and off, MaxBatch from 1 to 13.
/// </summary>
internal sealed class RandomDeclaration
{
    private static readonly int[] FavoriteWidths = { 1, 3, 4, 7, 8, 9, 16, 17, 32, 33 };
    private static readonly Activation[] Activations = (Activation[])Enum.GetValues(typeof(Activation));
    private static readonly Init[] Inits = (Init[])Enum.GetValues(typeof(Init));

    private RandomDeclaration(string className, string source)
    {
        ClassName = className;
        Source = source;
    }

    /// <summary>The class name, unique within one compilation.</summary>
    public string ClassName { get; }

    /// <summary>The declaration: attributes and an empty partial class.</summary>
    public string Source { get; }

    public static RandomDeclaration Draw(int index, Random random)
    {
        var loss = (Loss)random.Next(3);
        var reduction = (Reduction)random.Next(2);
        int inputs = Width(random);
        int maxBatch = 1 + random.Next(13);
        int layerCount = 1 + random.Next(4);
        var layers = new List<string>();
        for (int i = 0; i < layerCount; i++)
        {
            bool last = i == layerCount - 1;
            int units = Width(random);
            Activation activation = Activations[random.Next(Activations.Length)];
            if (last && loss == Loss.SoftmaxCrossEntropy)
            {
                units = Math.Max(units, 2);
                activation = Activation.Identity;
            }

            // A zero-initialized layer that feeds another is a warning (NG0012); only the last layer may start at 0.
            Init weightInit = Inits[random.Next(Inits.Length)];
            if (weightInit == Init.Zeros && !last)
                weightInit = Init.XavierNormal;
            bool bias = random.Next(3) != 0;
            var layer = new StringBuilder();
            layer.Append(CultureInfo.InvariantCulture, $"[global::NetGen.Dense({units}, global::NetGen.Activation.{activation}");
            if (!bias)
                layer.Append(", Bias = false");
            if (activation == Activation.LeakyReLU)
                layer.Append(CultureInfo.InvariantCulture, $", NegativeSlope = {random.Next(10) / 10.0:0.0}f");
            layer.Append(CultureInfo.InvariantCulture, $", WeightInit = global::NetGen.Init.{weightInit}");
            if (bias)
                layer.Append(CultureInfo.InvariantCulture, $", BiasInit = global::NetGen.Init.{Inits[random.Next(Inits.Length)]}");
            layer.Append(")]");
            layers.Add(layer.ToString());
        }

        string className = "Random" + index.ToString("D3", CultureInfo.InvariantCulture);
        var source = new StringBuilder();
        source.Append(CultureInfo.InvariantCulture, $"/// <summary>Random network {index}.</summary>\n");
        source.Append(CultureInfo.InvariantCulture, $"[global::NetGen.Network({inputs}, Loss = global::NetGen.Loss.{loss}, Reduction = global::NetGen.Reduction.{reduction}, MaxBatch = {maxBatch})]\n");
        foreach (string layer in layers)
            source.Append(layer).Append('\n');
        source.Append(CultureInfo.InvariantCulture, $"public partial class {className} {{ }}\n");
        return new RandomDeclaration(className, source.ToString());
    }

    private static int Width(Random random) =>
        random.Next(2) == 0 ? FavoriteWidths[random.Next(FavoriteWidths.Length)] : 1 + random.Next(40);
}
