namespace NetGen.Distributed.Tests;

/// <summary>
/// The compute figures the README's cost model quotes: <c>ShareStepBenchmarks</c> (Backward over 10, 25, 50 and 100 MNIST
/// rows, then ApplySgd; BenchmarkDotNet, 15 iterations, means 60.5, 117, 250 and 493 µs for 784-100-10, 272, 560, 1,069
/// and 2,148 µs for 784-400-10), fitted by least squares as <c>fixed + perRow x rows</c>, in µs.
/// </summary>
internal static class ReadmeFigures
{
    public const double Fixed100 = 5;
    public const double Row100 = 4.87;
    public const double Fixed400 = 44;
    public const double Row400 = 20.9;
}
