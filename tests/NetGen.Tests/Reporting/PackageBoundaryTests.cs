using System;
using System.Linq;
using NetGen.Reporting;

namespace NetGen.Tests.Reporting;

/// <summary>The report lives in NetGen.Reporting, apart from the runtime: the runtime assembly holds none of it.</summary>
public sealed class PackageBoundaryTests
{
    [Fact]
    public void RuntimeAssembly_HoldsNoReportingType_AndTheReportAssemblyHoldsThem()
    {
        Type[] runtime = typeof(NetworkAttribute).Assembly.GetTypes();
        Assert.DoesNotContain(runtime, t => t.Namespace is { } ns && ns.StartsWith("NetGen.Reporting", StringComparison.Ordinal));

        Assert.Equal("NetGen.Reporting", typeof(TrainingReport).Assembly.GetName().Name);
        Assert.Equal(typeof(TrainingReport).Assembly, typeof(HtmlReportWriter).Assembly);
        Assert.Equal(typeof(TrainingReport).Assembly, typeof(GradientNorms).Assembly);
    }
}
