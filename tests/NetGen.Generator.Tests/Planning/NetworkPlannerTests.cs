using NetGen.Generator.Model;
using NetGen.Generator.Planning;
using NetGen.Generator.Tests.Infrastructure;

namespace NetGen.Generator.Tests.Planning;

/// <summary>
/// The plan on its own, without generated source: the decisions each kernel is shaped by, for the course's networks
/// and at the thresholds where a decision flips.
/// </summary>
public sealed class NetworkPlannerTests
{
    /// <summary>The hw0 network: 784 inputs, 100 ReLU units, 10 outputs, batches of 100.</summary>
    private static readonly NetworkPlan Hw0 = NetworkPlanner.Plan(
        Models.Widths(784, 100, Loss.SoftmaxCrossEntropy, (100, Activation.ReLU), (10, Activation.Identity)));

    [Fact]
    public void Hw0_Layer1ListsItsInputs_Layer2DoesNot()
    {
        Assert.True(Hw0.Layers[0].ListsInputs);
        Assert.False(Hw0.Layers[1].ListsInputs);
        Assert.True(Hw0.AnyListedInputs);
    }

    [Fact]
    public void Hw0_OnlyLayer2KeepsTransposedWeights()
    {
        Assert.False(Hw0.Layers[0].HasTransposedWeights);
        Assert.True(Hw0.Layers[1].HasTransposedWeights);
        Assert.True(Hw0.AnyTransposedWeights);
    }

    [Fact]
    public void Hw0_Layer1ForwardKeeps13VectorsOf2Rows_Layer2Has128BitAndNaturalBlocks()
    {
        Assert.Equal(new KernelPlan(100, UnitFit.Vector, new RegisterBlock(2, 13), new RegisterBlock(2, 25)), Hw0.Layers[0].Forward);
        Assert.Equal(UnitFit.Either, Hw0.Layers[1].Forward.Fit);
        Assert.Equal(new RegisterBlock(4, 2), Hw0.Layers[1].Forward.Natural);
        Assert.Equal(new RegisterBlock(4, 3), Hw0.Layers[1].Forward.Narrow);
    }

    [Fact]
    public void Hw0_Layer2HandsItsGradientOver100UnitsOfLayer1_In2RowsOf13Vectors()
    {
        KernelPlan propagate = Hw0.Layers[1].Propagate;

        Assert.Equal(100, propagate.Units);
        Assert.Equal(UnitFit.Vector, propagate.Fit);
        Assert.Equal(new RegisterBlock(2, 13), propagate.Natural);
    }

    [Fact]
    public void Hw0_StepIsCutIntoPiecesOf16Inputs_AndListsHoldTheLongerOfInputsAndBatch()
    {
        Assert.Equal(49, Hw0.Layers[0].UpdatePieces);
        Assert.Equal(7, Hw0.Layers[1].UpdatePieces);
        Assert.Equal(56, Hw0.UpdatePieces);
        Assert.Equal(4, Hw0.RowsPerPiece);
        Assert.Equal(784 + 16, Hw0.ListStride);
    }

    [Fact]
    public void Hw0_LoopsOverTheBatchAreBoundedByM()
    {
        Assert.All(Hw0.Layers, layer => Assert.Equal("m", layer.BatchBound));
    }

    [Theory]
    [InlineData(31, false)]
    [InlineData(32, true)]
    public void FirstLayerListsItsInputsFrom32Inputs(int inputs, bool lists)
    {
        NetworkPlan plan = NetworkPlanner.Plan(Models.Widths(inputs, 8, Loss.SquaredError, (8, Activation.ReLU), (8, Activation.ReLU)));

        Assert.Equal(lists, plan.Layers[0].ListsInputs);
        Assert.False(plan.Layers[1].ListsInputs);
    }

    [Theory]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void LayerAfterTheFirstKeepsTransposedWeightsFrom4Units(int units, bool transposed)
    {
        NetworkPlan plan = NetworkPlanner.Plan(Models.Widths(5, 8, Loss.SquaredError, (6, Activation.Tanh), (units, Activation.Identity)));

        Assert.Equal(transposed, plan.Layers[1].HasTransposedWeights);
        Assert.Equal(transposed, plan.AnyTransposedWeights);
    }

    [Theory]
    [InlineData(3, "Scalar")]
    [InlineData(4, "Either")]
    [InlineData(15, "Either")]
    [InlineData(16, "Vector")]
    public void UnitsFitTheVectorsOfEveryMachine(int units, string expected)
    {
        UnitFit fit = System.Enum.Parse<UnitFit>(expected);
        NetworkPlan plan = NetworkPlanner.Plan(Models.Widths(2, 8, Loss.SquaredError, (units, Activation.ReLU)));

        Assert.Equal(fit, plan.Layers[0].Forward.Fit);
        Assert.Equal(fit, plan.Layers[0].WeightGradient.Fit);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 4)]
    public void ForwardRowBlockNeverExceedsTheBatch(int maxBatch, int rows)
    {
        NetworkPlan plan = NetworkPlanner.Plan(Models.Widths(3, maxBatch, Loss.SquaredError, (8, Activation.ReLU)));

        Assert.Equal(rows, plan.Layers[0].Forward.Natural.Rows);
        Assert.Equal(4, plan.Layers[0].WeightGradient.Natural.Rows); // blocks of inputs, not of rows
        Assert.Equal(maxBatch == 1 ? "1" : "m", plan.Layers[0].BatchBound);
    }

    [Theory]
    [InlineData(Activation.Identity, false)]
    [InlineData(Activation.ReLU, false)]
    [InlineData(Activation.Sigmoid, true)]
    [InlineData(Activation.Tanh, true)]
    [InlineData(Activation.Softplus, true)]
    public void OnlySmoothActivationsKeepThePreActivation(Activation activation, bool keeps)
    {
        NetworkPlan plan = NetworkPlanner.Plan(Models.Widths(3, 4, Loss.SquaredError, (5, activation)));

        Assert.Equal(keeps, plan.Layers[0].KeepsPreActivation);
        Assert.Equal(keeps ? "_p1" : "_z1", plan.Layers[0].AffineField);
    }

    [Fact]
    public void EqualModels_GiveEqualPlans_AndAWidthChangesThePlan()
    {
        NetworkModel model = Models.Widths(784, 100, Loss.SoftmaxCrossEntropy, (100, Activation.ReLU), (10, Activation.Identity));
        NetworkModel wider = Models.Widths(784, 100, Loss.SoftmaxCrossEntropy, (101, Activation.ReLU), (10, Activation.Identity));

        Assert.Equal(NetworkPlanner.Plan(model), NetworkPlanner.Plan(model with { }));
        Assert.Equal(NetworkPlanner.Plan(model).GetHashCode(), NetworkPlanner.Plan(model with { }).GetHashCode());
        Assert.NotEqual(NetworkPlanner.Plan(model), NetworkPlanner.Plan(wider));
    }

    [Fact]
    public void SecondLayerReadsTheFirstLayersOutput()
    {
        LayerPlan second = Hw0.Layers[1];

        Assert.Equal("Z1", second.Input);
        Assert.Equal("_z1", second.InputField);
        Assert.Same(Hw0.Layers[0], Hw0.Before(second));
        Assert.True(Hw0.Layers[0].IsFirst);
        Assert.False(second.IsFirst);
    }
}
