using System.Numerics;
using NetGen.Kernels;

namespace NetGen.Tests.Kernels;

/// <summary>The vector layout of a row: every unit covered, no vector past the row, one pass when it fits.</summary>
public sealed class VectorBlockTests
{
    [Theory]
    [InlineData(100, 13)]
    [InlineData(100, 6)]
    [InlineData(400, 13)]
    [InlineData(16, 2)]
    [InlineData(17, 3)]
    [InlineData(33, 5)]
    public void Passes_CoverEveryUnit_AndStayInsideTheRow(int units, int maxVectors)
    {
        int lanes = Vector<float>.Count;
        if (units < lanes)
            return; // the kernels take the scalar path
        var covered = new int[units];
        int vectors = VectorBlock.Count(units, maxVectors);
        int passes = 0;
        for (int j = 0; j < units; j += vectors * lanes)
        {
            j = VectorBlock.PassStart(j, units, maxVectors);
            passes++;
            for (int c = 0; c < vectors; c++)
            {
                int start = j + VectorBlock.Offset(c, units, maxVectors);
                Assert.InRange(start, 0, units - lanes);
                for (int lane = 0; lane < lanes; lane++)
                    covered[start + lane]++;
            }
        }

        Assert.All(covered, count => Assert.True(count >= 1));
        Assert.Equal(VectorBlock.OnePass(units, maxVectors), passes == 1);
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(4, 1)]
    [InlineData(15, 4)]
    [InlineData(9, 2)]
    public void Passes128_CoverEveryUnit_AndStayInsideTheRow(int units, int maxVectors)
    {
        const int lanes = 4;
        var covered = new int[units];
        int vectors = VectorBlock128.Count(units, maxVectors);
        for (int j = 0; j < units; j += vectors * lanes)
        {
            j = VectorBlock128.PassStart(j, units, maxVectors);
            for (int c = 0; c < vectors; c++)
            {
                int start = j + VectorBlock128.Offset(c, units, maxVectors);
                Assert.InRange(start, 0, units - lanes);
                for (int lane = 0; lane < lanes; lane++)
                    covered[start + lane]++;
            }
        }

        Assert.All(covered, count => Assert.True(count >= 1));
    }

    [Fact]
    public void Apply_StepsOnlyTheFreshLanes()
    {
        float[] row = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
        var gradient = new Vector<float>(2f);
        var step = new Vector<float>(-0.5f);
        VectorBlock.Apply(ref row[0], unit: 0, fresh: 3, gradient, step);
        for (int lane = 0; lane < Vector<float>.Count; lane++)
            Assert.Equal(lane >= 3 ? 0f : 1f, row[lane]);
    }

    [Fact]
    public void FreshLanes_SetsTheLanesAtOrAfterTheFirstUnwrittenUnit()
    {
        int lanes = Vector<float>.Count;
        Vector<float> mask = VectorBlock.FreshLanes(unit: 10, fresh: 12);
        for (int lane = 0; lane < lanes; lane++)
            Assert.Equal(10 + lane >= 12, Vector.AsVectorInt32(mask)[lane] == -1);
    }
}
