using System;
using NetGen.Initialization;

namespace NetGen.Samples.CartPole;

/// <summary>
/// The cart-pole balancing task of Barto, Sutton and Anderson (1983) with the constants and equations of the common
/// <c>CartPole-v1</c> definition: gravity 9.8, cart mass 1.0, pole mass 0.1, pole half-length 0.5, push force 10,
/// explicit Euler steps of 0.02 s, failure past 12 degrees or 2.4 m, episodes capped at 500 steps, reward 1 per step
/// (the failing step included).
/// </summary>
/// <remarks>
/// The state is integrated in double precision, as the common definition does, and observed as four floats
/// <c>(x, x_dot, theta, theta_dot)</c>. A reset draws each of the four uniformly from [-0.05, 0.05) from the
/// environment's own seeded stream, so a seed gives the same starts on every machine.
/// </remarks>
public sealed class CartPoleEnvironment
{
    /// <summary>The number of observations.</summary>
    public const int ObservationSize = 4;

    /// <summary>The episode cap (the time limit of <c>CartPole-v1</c>).</summary>
    public const int MaxEpisodeSteps = 500;

    private const double Gravity = 9.8;
    private const double MassCart = 1.0;
    private const double MassPole = 0.1;
    private const double TotalMass = MassCart + MassPole;
    private const double Length = 0.5; // half the pole's length
    private const double PoleMassLength = MassPole * Length;
    private const double ForceMagnitude = 10.0;
    private const double Tau = 0.02;
    private const double ThetaThreshold = 12 * 2 * Math.PI / 360;
    private const double XThreshold = 2.4;

    private readonly DeterministicRandom _random;
    private double _x, _xDot, _theta, _thetaDot;

    /// <summary>Creates the environment with its reset stream seeded by <paramref name="seed"/>.</summary>
    public CartPoleEnvironment(ulong seed) => _random = new DeterministicRandom(seed);

    /// <summary>Steps taken in the current episode.</summary>
    public int EpisodeSteps { get; private set; }

    /// <summary>Starts an episode and writes its first observation.</summary>
    /// <param name="observation">Receives the four observations.</param>
    public void Reset(Span<float> observation)
    {
        _x = Uniform();
        _xDot = Uniform();
        _theta = Uniform();
        _thetaDot = Uniform();
        EpisodeSteps = 0;
        Observe(observation);
    }

    /// <summary>Pushes the cart left (action 0) or right (action 1) for one Euler step.</summary>
    /// <param name="action">0 or 1.</param>
    /// <param name="observation">Receives the observation after the step.</param>
    /// <returns>Whether the pole fell or the cart left the track (terminal), or the episode reached the cap (truncated).</returns>
    public StepOutcome Step(int action, Span<float> observation)
    {
        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        double cosTheta = Math.Cos(_theta);
        double sinTheta = Math.Sin(_theta);
        double temp = (force + PoleMassLength * _thetaDot * _thetaDot * sinTheta) / TotalMass;
        double thetaAcc = (Gravity * sinTheta - cosTheta * temp) / (Length * (4.0 / 3.0 - MassPole * cosTheta * cosTheta / TotalMass));
        double xAcc = temp - PoleMassLength * thetaAcc * cosTheta / TotalMass;

        _x += Tau * _xDot;
        _xDot += Tau * xAcc;
        _theta += Tau * _thetaDot;
        _thetaDot += Tau * thetaAcc;
        EpisodeSteps++;
        Observe(observation);

        bool terminated = _x < -XThreshold || _x > XThreshold || _theta < -ThetaThreshold || _theta > ThetaThreshold;
        bool truncated = !terminated && EpisodeSteps >= MaxEpisodeSteps;
        return new StepOutcome(terminated, truncated);
    }

    private double Uniform() => -0.05 + 0.1 * _random.NextDouble();

    private void Observe(Span<float> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_xDot;
        observation[2] = (float)_theta;
        observation[3] = (float)_thetaDot;
    }
}
