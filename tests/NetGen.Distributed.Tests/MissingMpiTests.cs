namespace NetGen.Distributed.Tests;

public sealed class MissingMpiTests
{
    [Fact]
    public void MachineWithoutTheLibrary_GetsAnErrorNamingThePackageToInstall()
    {
        var error = Assert.Throws<MpiUnavailableException>(() => MpiCommunicator.Initialize("libmpi-not-installed.so.40"));
        Assert.Contains("libmpi-not-installed.so.40 was not found", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("apt-get install openmpi-bin libopenmpi-dev", error.Message, System.StringComparison.Ordinal);
    }
}
