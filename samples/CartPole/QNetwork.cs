namespace NetGen.Samples.CartPole;

/// <summary>
/// The DQN's action-value network: the four CartPole observations in, two ReLU hidden layers of 64 units, one linear
/// output per action (push left, push right). Trained with the squared error on the taken action's value (see
/// <see cref="DqnAgent"/>); <c>MaxBatch</c> is the replay minibatch.
/// </summary>
[Network(4, Loss = Loss.SquaredError, Reduction = Reduction.Mean, MaxBatch = DqnSettings.BatchSize)]
[Dense(64, Activation.ReLU, WeightInit = Init.HeNormal)]
[Dense(64, Activation.ReLU, WeightInit = Init.HeNormal)]
[Dense(2, WeightInit = Init.XavierNormal)]
public partial class QNetwork
{
}
