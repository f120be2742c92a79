package dev.keelson.controller.leader;

import java.time.Duration;
import java.util.Objects;

/**
 * The timing of an election, with client-go's defaults and checks.
 *
 * @param leaseDuration how long non-leaders wait after they last saw the lease change before they
 *     take it over (default 15 s); written to the lease as {@code leaseDurationSeconds}
 * @param renewDeadline how long the leader keeps retrying a failing renewal before it gives up
 *     leadership (default 10 s); must be shorter than {@code leaseDuration}, so that the leader
 *     stops before anyone else may start
 * @param retryPeriod the pause between attempts to acquire or renew (default 2 s)
 * @param releaseOnCancel whether closing a leading elector releases the lease (empties its holder)
 *     so that another candidate takes over at its next attempt instead of after {@code
 *     leaseDuration}
 */
public record LeaderElectionConfig(
    Duration leaseDuration, Duration renewDeadline, Duration retryPeriod, boolean releaseOnCancel) {
  /** client-go's jitter factor, used only in the check renewDeadline > 1.2 * retryPeriod. */
  private static final double JITTER_FACTOR = 1.2;

  public LeaderElectionConfig {
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
    if (leaseDuration.compareTo(renewDeadline) <= 0) {
      throw new IllegalArgumentException("leaseDuration must be greater than renewDeadline");
    }
    if (renewDeadline.toNanos() <= JITTER_FACTOR * retryPeriod.toNanos()) {
      throw new IllegalArgumentException("renewDeadline must be greater than 1.2 * retryPeriod");
    }
    if (leaseDuration.toSeconds() < 1 || leaseDuration.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException("leaseDuration must be whole seconds: " + leaseDuration);
    }
    if (retryPeriod.isNegative() || retryPeriod.isZero()) {
      throw new IllegalArgumentException("retryPeriod must be positive");
    }
  }

  /** client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry period, no release. */
  public static LeaderElectionConfig defaults() {
    return new LeaderElectionConfig(
        Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2), false);
  }

  /** This config with {@code releaseOnCancel} set as given. */
  public LeaderElectionConfig withReleaseOnCancel(boolean release) {
    return new LeaderElectionConfig(leaseDuration, renewDeadline, retryPeriod, release);
  }
}
