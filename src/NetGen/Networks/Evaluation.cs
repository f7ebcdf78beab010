namespace NetGen;

/// <summary>The loss and error of a network on a data set, as the course's <c>loss_err</c> computes them.</summary>
/// <param name="MeanLoss">The mean per-row loss.</param>
/// <param name="ErrorRate">The fraction of rows whose argmax is not the label; <see cref="double.NaN"/> for a regressor.</param>
/// <param name="Count">The number of rows evaluated.</param>
/// <param name="Errors">The number of misclassified rows; 0 for a regressor.</param>
public readonly record struct Evaluation(double MeanLoss, double ErrorRate, int Count, int Errors);
