using System;

namespace NetGen;

/// <summary>
/// Declares one fully connected layer <c>Z_out = sigma(Z_in W + b)</c> of the network declared by
/// <see cref="NetworkAttribute"/> on the same class. Layers apply in source order, input first.
/// </summary>
/// <remarks>
/// The layer's weights form a row-major <c>[inputs x units]</c> matrix (the numpy <c>X @ W</c> convention),
/// where <c>inputs</c> is the previous layer's <see cref="Units"/> or the network's inputs.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : Attribute
{
    /// <summary>Declares a layer of <paramref name="units"/> units.</summary>
    /// <param name="units">The number of outputs of the layer, from 1 to <see cref="NetworkLimits.MaxWidth"/>.</param>
    /// <param name="activation">The elementwise activation. Default: <see cref="NetGen.Activation.Identity"/>.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of outputs of the layer.</summary>
    public int Units { get; }

    /// <summary>The elementwise activation applied after the affine map.</summary>
    public Activation Activation { get; }

    /// <summary>Whether the layer adds a learned bias vector <c>b</c>. Default: <see langword="true"/>.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>How <c>Initialize(seed)</c> fills the weights. Default: <see cref="Init.XavierNormal"/>.</summary>
    public Init WeightInit { get; set; } = Init.XavierNormal;

    /// <summary>
    /// How <c>Initialize(seed)</c> fills the bias. Default: <see cref="Init.Zeros"/>. A layer with <see cref="Bias"/>
    /// <see langword="false"/> has no bias to fill: setting this property then draws warning NG0023.
    /// </summary>
    public Init BiasInit { get; set; } = Init.Zeros;

    /// <summary>
    /// The slope <c>a</c> of <see cref="NetGen.Activation.LeakyReLU"/> for <c>z &lt;= 0</c>. Default: 0.01 (torch's
    /// default). It must be finite and in <c>[0, 1)</c> (NG0026); setting it on a layer with another activation draws
    /// warning NG0027.
    /// </summary>
    public float NegativeSlope { get; set; } = DefaultNegativeSlope;

    /// <summary>The default <see cref="NegativeSlope"/>, 0.01, as torch's <c>LeakyReLU</c>.</summary>
    public const float DefaultNegativeSlope = 0.01f;
}
