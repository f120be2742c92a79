package dev.keelson.controller.manager;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.json.KubeJson;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.leader.LeaseLock;
import dev.keelson.controller.time.FakeClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Managers campaigning for one Lease on one server. Every elector step runs inside {@link
 * FakeClock#advance} (direct executor), so hand-overs are deterministic and never sleep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagerLeaderElectionTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration STEP = Duration.ofMillis(250);

  private ApiServer server;
  private KubeClient client;
  private final List<Manager> managers = new ArrayList<>();

  @BeforeAll
  void startServer() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    client = server.inProcessClient();
  }

  @AfterEach
  void closeManagers() {
    managers.forEach(Manager::close);
    managers.clear();
  }

  @AfterAll
  void stopServer() {
    client.close();
    server.close();
  }

  private Resources<Lease> leases() {
    String ns = "mgr-le-" + NAMESPACES.incrementAndGet();
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + ns + "}", Namespace.class));
    return client.resources(Lease.class).inNamespace(ns);
  }

  /** A lease lock that a test can cut off from the server, as a crashed or partitioned process. */
  static final class CuttableLock implements LeaseLock {
    private final LeaseLock real;
    volatile boolean cut;

    CuttableLock(LeaseLock real) {
      this.real = real;
    }

    private void check() {
      if (cut) {
        throw new ConnectionException("cut off (test)", new IOException("cut"));
      }
    }

    @Override
    public Lease get() {
      check();
      return real.get();
    }

    @Override
    public Lease create(Lease lease) {
      check();
      return real.create(lease);
    }

    @Override
    public Lease update(Lease lease) {
      check();
      return real.update(lease);
    }

    @Override
    public String namespace() {
      return real.namespace();
    }

    @Override
    public String name() {
      return real.name();
    }
  }

  /** The leader's work: claims a shared slot on start, counts a violation if it was taken. */
  static final class LeaderWork implements Component {
    final String id;
    final AtomicReference<String> slot;
    final AtomicInteger violations;
    volatile boolean running;

    LeaderWork(String id, AtomicReference<String> slot, AtomicInteger violations) {
      this.id = id;
      this.slot = slot;
      this.violations = violations;
    }

    @Override
    public void start() {
      if (!slot.compareAndSet(null, id)) {
        violations.incrementAndGet();
      }
      running = true;
    }

    @Override
    public void close() {
      if (running) {
        running = false;
        slot.compareAndSet(id, null);
      }
    }
  }

  /** One replica: a manager, its lock and its leader-only work. */
  final class Replica {
    final CuttableLock lock;
    final Manager manager;
    final LeaderWork work;
    final ManagerTest.Recording always = new ManagerTest.Recording();

    Replica(
        String id,
        Resources<Lease> leases,
        FakeClock clock,
        AtomicReference<String> slot,
        AtomicInteger violations) {
      lock = new CuttableLock(LeaseLock.of(leases, "operator"));
      manager =
          Manager.builder(client)
              .clock(clock)
              .leaderElection(lock)
              .leaderElectionIdentity(id)
              .leaderElectionExecutor(Runnable::run)
              .gracefulShutdownTimeout(Duration.ofSeconds(5))
              .build();
      work = new LeaderWork(id, slot, violations);
      manager.add(work);
      manager.add(always, Leadership.NOT_REQUIRED);
      managers.add(manager);
    }
  }

  @Test
  void onlyTheLeaderRunsLeaderWorkAndAGracefulCloseHandsOverAtTheNextAttempt() throws Exception {
    Resources<Lease> leases = leases();
    FakeClock clock = new FakeClock();
    AtomicReference<String> slot = new AtomicReference<>();
    AtomicInteger violations = new AtomicInteger();
    Replica a = new Replica("a", leases, clock, slot, violations);
    Replica b = new Replica("b", leases, clock, slot, violations);
    a.manager.start();
    b.manager.start();
    assertThat(a.manager.isLeader()).isTrue();
    assertThat(b.manager.isLeader()).isFalse();
    assertThat(a.work.running).isTrue();
    assertThat(b.work.running).isFalse();
    assertThat(b.always.log).as("standbys run what needs no leadership").containsExactly("start");
    assertThat(a.manager.metricsText())
        .contains("leader_election_master_status{name=\"operator\"} 1\n");
    assertThat(b.manager.metricsText())
        .contains("leader_election_master_status{name=\"operator\"} 0\n");
    for (int i = 0; i < 4 * 60; i++) {
      clock.advance(STEP); // a minute of renewals
    }
    assertThat(slot).hasValue("a");

    a.manager.close();
    assertThat(a.work.running).isFalse();
    assertThat(leases.get("operator").spec().holderIdentity())
        .as("released on close")
        .isNullOrEmpty();
    Instant closedAt = clock.instant();
    while (!b.manager.isLeader()) {
      clock.advance(STEP);
      assertThat(Duration.between(closedAt, clock.instant()))
          .as("taken over at the standby's next attempt")
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
    assertThat(slot).hasValue("b");
    assertThat(b.work.running).isTrue();
    assertThat(violations).hasValue(0);
    assertThat(a.manager.terminated().toCompletableFuture()).isCompletedWithValue(null);
  }

  @Test
  void whenTheLeaderDiesAStandbyTakesOverWithinTheLeaseDurationAndNeverOverlaps() throws Exception {
    Resources<Lease> leases = leases();
    FakeClock clock = new FakeClock();
    AtomicReference<String> slot = new AtomicReference<>();
    AtomicInteger violations = new AtomicInteger();
    int ids = 0;
    Replica leader = new Replica("r" + ids++, leases, clock, slot, violations);
    leader.manager.start();
    Replica standby = new Replica("r" + ids++, leases, clock, slot, violations);
    standby.manager.start();
    assertThat(leader.manager.isLeader()).isTrue();

    int rounds = 8;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < 4 * 5; i++) {
        clock.advance(STEP); // some renewals
        assertThat(slot).hasValue(leader.work.id);
      }
      Instant lastRenew = leases.get("operator").spec().renewTime().instant();
      leader.lock.cut = true; // the leader can no longer reach the server: it is dead to the others
      Instant leaderStopped = null;
      while (!standby.manager.isLeader()) {
        clock.advance(STEP);
        if (leaderStopped == null && !leader.work.running) {
          leaderStopped = clock.instant();
        }
        assertThat(Duration.between(lastRenew, clock.instant()))
            .as(
                "round %d: the standby takes over within the lease duration plus two retries",
                round)
            .isLessThanOrEqualTo(Duration.ofSeconds(15 + 4).plus(STEP));
      }
      Instant takenOver = clock.instant();
      assertThat(leaderStopped)
          .as("round %d: the old leader stopped its work before the new one started", round)
          .isNotNull()
          .isBefore(takenOver);
      assertThat(Duration.between(lastRenew, leaderStopped))
          .as("the old leader gives up at its renew deadline")
          .isLessThanOrEqualTo(Duration.ofSeconds(10).plus(Duration.ofSeconds(2)));
      assertThat(Duration.between(lastRenew, takenOver))
          .as("not before the lease expired")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(15));
      assertThat(violations).as("round %d: never two leaders", round).hasValue(0);
      assertThat(slot).hasValue(standby.work.id);

      try {
        leader.manager.terminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        throw new AssertionError("a manager that lost its lease must stop with an error");
      } catch (ExecutionException e) {
        assertThat(e.getCause())
            .isInstanceOf(LeaderElectionLostException.class)
            .hasMessageContaining("no longer holds the lease");
      }
      assertThat(leader.always.log).containsExactly("start", "close");

      leader = standby;
      standby = new Replica("r" + ids++, leases, clock, slot, violations);
      standby.manager.start();
    }
    Lease lease = leases.get("operator");
    assertThat(lease.spec().holderIdentity()).isEqualTo(leader.work.id);
    assertThat(lease.spec().leaseTransitions()).isEqualTo(rounds);
  }
}
