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

    [Fact]
    public void FreshLanes_SetsTheLanesAtOrAfterTheFirstUnwrittenUnit()
    {
        int lanes = Vector<float>.Count;
        Vector<float> mask = VectorBlock.FreshLanes(unit: 10, fresh: 12);
        for (int lane = 0; lane < lanes; lane++)
            Assert.Equal(10 + lane >= 12, Vector.AsVectorInt32(mask)[lane] == -1);
    }
}
