namespace NetGen.Benchmarks;

/// <summary>The course's two-layer network at 100 hidden units.</summary>
[Network(784, MaxBatch = 100)]
[Dense(100, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class Mlp100
{
}

/// <summary>The course's two-layer network at 400 hidden units.</summary>
[Network(784, MaxBatch = 100)]
[Dense(400, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class Mlp400
{
}

/// <summary>Softmax regression.</summary>
[Network(784, MaxBatch = 100)]
[Dense(10, Bias = false, WeightInit = Init.Zeros)]
public partial class SoftmaxRegression
{
}

/// <summary>A tiny network for per-step overhead: 4-16-3, ReLU, biases.</summary>
[Network(4, MaxBatch = 1)]
[Dense(16, Activation.ReLU, WeightInit = Init.HeNormal)]
[Dense(3, WeightInit = Init.XavierNormal)]
public partial class Tiny
{
}

/// <summary>784-100-10 with room for 10,000 rows in one Forward call (inference benchmark).</summary>
[Network(784, MaxBatch = 10_000)]
[Dense(100, Activation.ReLU, Bias = false, WeightInit = Init.ScaledNormal)]
[Dense(10, Bias = false, WeightInit = Init.ScaledNormal)]
public partial class Mlp100Inference
{
}
