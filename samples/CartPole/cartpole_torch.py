#!/usr/bin/env python3
"""CartPole-v1 learned by DQN in PyTorch: the peer of the NetGen sample (samples/CartPole), for compare.sh.

The same algorithm and hyperparameters as DqnSettings.cs and DqnAgent.cs: a 4-64-64-2 ReLU network (He-normal hidden
weights, Xavier-normal output weights, zero biases), the squared error on the taken action's value (torch.nn.functional
.mse_loss on the gathered values), Adam, uniform replay, a target network copied every TARGET_UPDATE training steps,
linear epsilon decay, one training step per environment step once the replay memory has warmed up. The physics is the
common CartPole-v1 definition in plain Python (double precision), as in CartPoleEnvironment.cs.

The seeds are the same numbers, but the random streams are each framework's own (torch for the initialization, Python's
random for resets and exploration, numpy for replay sampling), so the episodes differ from NetGen's.
"""
import argparse
import math
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

# Hyperparameters: keep equal to DqnSettings.cs.
BATCH = 64
LEARNING_RATE = 1e-3
GAMMA = 0.99
REPLAY_CAPACITY = 50_000
LEARNING_STARTS = 1_000
TARGET_UPDATE = 500
EPS_START, EPS_END, EPS_DECAY_STEPS = 1.0, 0.01, 10_000
WINDOW, THRESHOLD = 100, 475.0


class CartPole:
    """CartPole-v1: gravity 9.8, cart 1.0, pole 0.1, half-length 0.5, force 10, Euler tau 0.02, 12 degrees, 2.4 m, 500 steps."""

    GRAVITY, MASS_CART, MASS_POLE, LENGTH, FORCE, TAU = 9.8, 1.0, 0.1, 0.5, 10.0, 0.02
    TOTAL_MASS = MASS_CART + MASS_POLE
    POLE_MASS_LENGTH = MASS_POLE * LENGTH
    THETA_THRESHOLD = 12 * 2 * math.pi / 360
    X_THRESHOLD = 2.4
    MAX_STEPS = 500

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.state = (0.0, 0.0, 0.0, 0.0)
        self.steps = 0

    def reset(self):
        self.state = tuple(-0.05 + 0.1 * self.random.random() for _ in range(4))
        self.steps = 0
        return self.state

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = self.FORCE if action == 1 else -self.FORCE
        cos_t, sin_t = math.cos(theta), math.sin(theta)
        temp = (force + self.POLE_MASS_LENGTH * theta_dot * theta_dot * sin_t) / self.TOTAL_MASS
        theta_acc = (self.GRAVITY * sin_t - cos_t * temp) / (
            self.LENGTH * (4.0 / 3.0 - self.MASS_POLE * cos_t * cos_t / self.TOTAL_MASS))
        x_acc = temp - self.POLE_MASS_LENGTH * theta_acc * cos_t / self.TOTAL_MASS
        x, x_dot = x + self.TAU * x_dot, x_dot + self.TAU * x_acc
        theta, theta_dot = theta + self.TAU * theta_dot, theta_dot + self.TAU * theta_acc
        self.state = (x, x_dot, theta, theta_dot)
        self.steps += 1
        terminated = x < -self.X_THRESHOLD or x > self.X_THRESHOLD or theta < -self.THETA_THRESHOLD or theta > self.THETA_THRESHOLD
        truncated = not terminated and self.steps >= self.MAX_STEPS
        return self.state, terminated, truncated


def q_network():
    net = torch.nn.Sequential(
        torch.nn.Linear(4, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 2))
    with torch.no_grad():
        torch.nn.init.kaiming_normal_(net[0].weight, nonlinearity="relu")  # std sqrt(2 / fan_in), as Init.HeNormal
        torch.nn.init.kaiming_normal_(net[2].weight, nonlinearity="relu")
        torch.nn.init.xavier_normal_(net[4].weight)  # std sqrt(2 / (fan_in + fan_out)), as Init.XavierNormal
        for layer in (net[0], net[2], net[4]):
            layer.bias.zero_()
    return net


def run(seed, max_episodes, progress_every):
    torch.manual_seed(seed)
    started = time.perf_counter()
    online = q_network()
    target = q_network()
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=LEARNING_RATE)
    env = CartPole(seed + 1)
    agent_random = random.Random(seed + 2)
    sampler = np.random.default_rng(seed + 2)

    states = np.zeros((REPLAY_CAPACITY, 4), dtype=np.float32)
    next_states = np.zeros((REPLAY_CAPACITY, 4), dtype=np.float32)
    actions = np.zeros(REPLAY_CAPACITY, dtype=np.int64)
    rewards = np.zeros(REPLAY_CAPACITY, dtype=np.float32)
    terminal = np.zeros(REPLAY_CAPACITY, dtype=np.float32)
    count = position = 0

    returns = []
    window_sum = 0
    env_steps = train_steps = 0
    train_seconds = 0.0
    loss_value = float("nan")
    state = env.reset()
    episode_return = 0
    epsilon = EPS_START
    while len(returns) < max_episodes:
        epsilon = EPS_END if env_steps >= EPS_DECAY_STEPS else EPS_START + (EPS_END - EPS_START) * env_steps / EPS_DECAY_STEPS
        if agent_random.random() < epsilon:
            action = agent_random.randrange(2)
        else:
            with torch.no_grad():
                q = online(torch.tensor(state, dtype=torch.float32).unsqueeze(0))
            action = int(q[0, 1] > q[0, 0])
        next_state, terminated, truncated = env.step(action)
        states[position] = state
        next_states[position] = next_state
        actions[position] = action
        rewards[position] = 1.0
        terminal[position] = 1.0 if terminated else 0.0
        position = (position + 1) % REPLAY_CAPACITY
        count = min(count + 1, REPLAY_CAPACITY)
        episode_return += 1
        env_steps += 1

        if env_steps >= LEARNING_STARTS:
            t = time.perf_counter()
            index = sampler.integers(0, count, BATCH)
            s = torch.from_numpy(states[index])
            a = torch.from_numpy(actions[index]).unsqueeze(1)
            r = torch.from_numpy(rewards[index])
            s2 = torch.from_numpy(next_states[index])
            d = torch.from_numpy(terminal[index])
            with torch.no_grad():
                y = r + GAMMA * (1.0 - d) * target(s2).max(dim=1).values
            loss = F.mse_loss(online(s).gather(1, a).squeeze(1), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            train_steps += 1
            if train_steps % TARGET_UPDATE == 0:
                target.load_state_dict(online.state_dict())
            train_seconds += time.perf_counter() - t
            loss_value = loss  # a tensor: .item() only when printed, so no extra synchronization per step

        if terminated or truncated:
            returns.append(episode_return)
            window_sum += episode_return
            if len(returns) > WINDOW:
                window_sum -= returns[-WINDOW - 1]
            episode_return = 0
            state = env.reset()
            mean = window_sum / min(len(returns), WINDOW)
            if progress_every and len(returns) % progress_every == 0:
                loss_text = f"{float(loss_value):.3g}" if train_steps else "nan"
                print(f"  seed {seed} episode {len(returns):5d}: return {returns[-1]:3d}, mean of last 100 {mean:6.1f}, "
                      f"epsilon {epsilon:.3f}, steps {env_steps:7d}, loss {loss_text}, {time.perf_counter() - started:.1f} s", flush=True)
            if len(returns) >= WINDOW and mean >= THRESHOLD:
                break
        else:
            state = next_state

    seconds = time.perf_counter() - started
    mean = window_sum / min(len(returns), WINDOW)
    solved = len(returns) >= WINDOW and mean >= THRESHOLD
    per_step = train_seconds * 1e6 / train_steps if train_steps else float("nan")
    outcome = f"solved at episode {len(returns)}" if solved else f"not solved in {len(returns)} episodes (mean of last 100 {mean:.1f})"
    print(f"Seed {seed}: {outcome}, {env_steps} environment steps, {train_steps} training steps, "
          f"wall time {seconds:.2f} s, {per_step:.1f} us per training step", flush=True)
    return solved


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3,4,5")
    parser.add_argument("--max-episodes", type=int, default=1000)
    parser.add_argument("--progress", type=int, default=50)
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (1 is fastest for this size)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    seeds = [int(s) for s in args.seeds.split(",")]
    print(f"PyTorch {torch.__version__} CartPole-v1 DQN: 4 -> 64 ReLU -> 64 ReLU -> 2, {torch.get_num_threads()} thread(s); "
          f"lr {LEARNING_RATE}, gamma {GAMMA}, replay {REPLAY_CAPACITY}, batch {BATCH}; at most {args.max_episodes} episodes per seed")
    solved = sum(run(seed, args.max_episodes, args.progress) for seed in seeds)
    print(f"Solved {solved} of {len(seeds)} seeds.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
