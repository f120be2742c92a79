package dev.keelson.controller.leader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.coordination.v1.Lease;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.json.MicroTime;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.ConnectionException;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.time.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Leader election against a real API server. Every candidate runs its steps inside {@link
 * FakeClock#advance} (direct executor), so the tests are deterministic and never sleep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeaderElectorTest {
  private static final AtomicInteger NAMESPACES = new AtomicInteger();
  private static final Duration STEP = Duration.ofMillis(250);

  private ApiServer server;
  private KubeClient client;

  @BeforeAll
  void startServer() {
    server = ApiServer.start(ApiServerConfig.loopback(0).plain());
    client = KubeClient.connect(ClientConfig.builder(server.url()).build());
  }

  @AfterAll
  void stopServer() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Resources<Lease> leases() {
    String ns = "le-" + NAMESPACES.incrementAndGet();
    client
        .resources(Namespace.class)
        .create(KubeJson.decodeYaml("metadata: {name: " + ns + "}", Namespace.class));
    return client.resources(Lease.class).inNamespace(ns);
  }

  /** A lease lock whose candidate can be cut off from the API server. */
  static final class PartitionableLock implements LeaseLock {
    private final LeaseLock real;
    volatile boolean partitioned;

    PartitionableLock(LeaseLock real) {
      this.real = real;
    }

    private void check() {
      if (partitioned) {
        throw new ConnectionException("partitioned (test)", new java.io.IOException("cut"));
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

  /** One candidate with its own clock, lock and callback log. */
  final class Candidate implements LeaderCallbacks {
    final String id;
    final FakeClock clock;
    final PartitionableLock lock;
    final LeaderElector elector;
    final List<String> log = new CopyOnWriteArrayList<>();
    final AtomicReference<String> sharedLeader;
    final AtomicInteger violations;
    Instant startedAt;
    Instant stoppedAt;

    Candidate(
        String id,
        Resources<Lease> leases,
        FakeClock clock,
        boolean release,
        AtomicReference<String> sharedLeader,
        AtomicInteger violations) {
      this.id = id;
      this.clock = clock;
      this.sharedLeader = sharedLeader;
      this.violations = violations;
      this.lock = new PartitionableLock(LeaseLock.of(leases, "lock"));
      this.elector =
          LeaderElector.builder(lock, id)
              .clock(clock)
              .executor(Runnable::run)
              .config(LeaderElectionConfig.defaults().withReleaseOnCancel(release))
              .callbacks(this)
              .build();
    }

    @Override
    public void onStartedLeading() {
      log.add("started");
      startedAt = clock.instant();
      if (!sharedLeader.compareAndSet(null, id)) {
        violations.incrementAndGet();
      }
    }

    @Override
    public void onStoppedLeading() {
      log.add("stopped");
      stoppedAt = clock.instant();
      sharedLeader.compareAndSet(id, null);
    }

    @Override
    public void onNewLeader(String identity) {
      log.add("leader=" + identity);
    }
  }

  private Candidate candidate(
      String id, Resources<Lease> leases, FakeClock clock, boolean release) {
    return new Candidate(id, leases, clock, release, new AtomicReference<>(), new AtomicInteger());
  }

  @Test
  void theFirstCandidateCreatesTheLeaseAndRenewsItEveryRetryPeriod() {
    Resources<Lease> leases = leases();
    FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
    Candidate a = candidate("a", leases, clock, false);
    a.elector.start();
    assertThat(a.elector.isLeader()).isTrue();
    assertThat(a.log).containsExactly("leader=a", "started");

    Lease lease = leases.get("lock");
    MicroTime t0 = MicroTime.of(clock.instant());
    assertThat(lease.spec().holderIdentity()).isEqualTo("a");
    assertThat(lease.spec().leaseDurationSeconds()).isEqualTo(15);
    assertThat(lease.spec().acquireTime()).isEqualTo(t0);
    assertThat(lease.spec().renewTime()).isEqualTo(t0);
    assertThat(lease.spec().leaseTransitions()).isZero();

    clock.advance(Duration.ofSeconds(2));
    Lease renewed = leases.get("lock");
    assertThat(renewed.spec().renewTime()).isEqualTo(MicroTime.of(clock.instant()));
    assertThat(renewed.spec().acquireTime()).isEqualTo(t0);
    assertThat(renewed.metadata().resourceVersion())
        .isNotEqualTo(lease.metadata().resourceVersion());
    a.elector.close();
    assertThat(a.log).containsExactly("leader=a", "started", "stopped");
  }

  @Test
  void aSecondCandidateWaitsWhileTheLeaderRenews() {
    Resources<Lease> leases = leases();
    FakeClock clock = new FakeClock();
    Candidate a = candidate("a", leases, clock, false);
    Candidate b = candidate("b", leases, clock, false);
    a.elector.start();
    b.elector.start();
    for (int i = 0; i < 60 * 4; i++) {
      clock.advance(STEP);
    }
    assertThat(a.elector.isLeader()).isTrue();
    assertThat(b.elector.isLeader()).isFalse();
    assertThat(b.log).containsExactly("leader=a");
    assertThat(b.elector.observedLeader()).isEqualTo("a");
    assertThat(leases.get("lock").spec().leaseTransitions()).isZero();
  }

  @Test
  void whenTheLeaderStopsRenewingItStepsDownAndAnotherTakesOverWithinTheLeaseDuration() {
    Resources<Lease> leases = leases();
    // Two machines whose wall clocks disagree by an hour: renewTime is never trusted.
    FakeClock clockA = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
    FakeClock clockB = new FakeClock(Instant.parse("2030-01-01T01:00:00Z"));
    Candidate a = candidate("a", leases, clockA, false);
    Candidate b = candidate("b", leases, clockB, false);
    a.elector.start();
    b.elector.start();
    for (int i = 0; i < 20; i++) {
      clockA.advance(STEP);
      clockB.advance(STEP);
    }
    assertThat(a.elector.isLeader()).isTrue();
    Instant lastRenewA = leases.get("lock").spec().renewTime().instant();
    long lastRenewNanos =
        clockA.nanoTime() - Duration.between(lastRenewA, clockA.instant()).toNanos();
    a.lock.partitioned = true;

    long bStartedNanos = -1;
    long aStoppedNanos = -1;
    for (int i = 0; i < 30 * 4 && bStartedNanos < 0; i++) {
      clockA.advance(STEP);
      if (aStoppedNanos < 0 && !a.elector.isLeader()) {
        aStoppedNanos = clockA.nanoTime();
        assertThat(b.elector.isLeader()).as("a stops before b starts").isFalse();
      }
      clockB.advance(STEP);
      if (b.elector.isLeader()) {
        bStartedNanos = clockB.nanoTime();
      }
    }
    Duration stoppedAfter = Duration.ofNanos(aStoppedNanos - lastRenewNanos);
    Duration takenAfter = Duration.ofNanos(bStartedNanos - lastRenewNanos);
    assertThat(stoppedAfter).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
    assertThat(takenAfter)
        .as("not before the lease expired, and within lease duration + 2 retry periods")
        .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(15 + 4).plus(STEP));
    Lease lease = leases.get("lock");
    assertThat(lease.spec().holderIdentity()).isEqualTo("b");
    assertThat(lease.spec().leaseTransitions()).isEqualTo(1);
    assertThat(lease.spec().acquireTime()).isEqualTo(MicroTime.of(b.startedAt));
    assertThat(a.log).containsExactly("leader=a", "started", "stopped");

    a.lock.partitioned = false;
    for (int i = 0; i < 40; i++) {
      clockA.advance(STEP);
      clockB.advance(STEP);
    }
    assertThat(a.elector.isLeader()).as("healed, a finds b leading").isFalse();
    assertThat(a.log).last().isEqualTo("leader=b");
    assertThat(b.elector.isLeader()).isTrue();
  }

  @Test
  void aLeaderThatFindsAnotherHolderAtRenewalStopsAtOnce() {
    Resources<Lease> leases = leases();
    FakeClock clock = new FakeClock();
    Candidate a = candidate("a", leases, clock, false);
    a.elector.start();
    assertThat(a.elector.isLeader()).isTrue();
    // As if a paused longer than the lease and someone else took over meanwhile.
    Lease current = leases.get("lock");
    leases.update(current.withSpec(current.spec().withHolderIdentity("z")));
    clock.advance(Duration.ofSeconds(2));
    assertThat(a.elector.isLeader()).isFalse();
    assertThat(a.log).containsExactly("leader=a", "started", "leader=z", "stopped");
    a.elector.close();
  }

  @Test
  void releaseOnCancelHandsTheLeaseOverAtTheNextAttempt() {
    Resources<Lease> leases = leases();
    FakeClock clock = new FakeClock();
    Candidate a = candidate("a", leases, clock, true);
    Candidate b = candidate("b", leases, clock, false);
    a.elector.start();
    b.elector.start();
    clock.advance(Duration.ofSeconds(5));
    a.elector.close();
    assertThat(a.log).containsExactly("leader=a", "started", "stopped");
    Lease released = leases.get("lock");
    assertThat(released.spec().holderIdentity()).isNullOrEmpty();
    assertThat(released.spec().leaseDurationSeconds()).isEqualTo(1);
    Instant closedAt = clock.instant();
    while (!b.elector.isLeader()) {
      clock.advance(STEP);
      assertThat(Duration.between(closedAt, clock.instant()))
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
    assertThat(leases.get("lock").spec().leaseTransitions()).isEqualTo(1);
  }

  @Test
  void neverTwoLeadersAtOnceOverManyRoundsOfPartitionsAndRestarts() {
    Resources<Lease> leases = leases();
    AtomicReference<String> leader = new AtomicReference<>();
    AtomicInteger violations = new AtomicInteger();
    Random random = new Random(42);
    List<Candidate> live = new ArrayList<>();
    int generation = 0;
    for (int i = 0; i < 3; i++) {
      live.add(newCandidate("c" + generation++, leases, i, random, leader, violations));
    }
    live.forEach(c -> c.elector.start());
    int leaderships = 0;
    String last = null;
    for (int step = 0; step < 1600; step++) {
      for (Candidate c : live) {
        c.clock.advance(STEP);
      }
      String now = leader.get();
      if (now != null && !now.equals(last)) {
        leaderships++;
        last = now;
      }
      int r = random.nextInt(100);
      Candidate c = live.get(random.nextInt(live.size()));
      if (r < 2) {
        c.lock.partitioned = !c.lock.partitioned;
      } else if (r < 3) {
        c.elector.close();
        live.remove(c);
        Candidate fresh =
            newCandidate("c" + generation++, leases, step, random, leader, violations);
        live.add(fresh);
        fresh.elector.start();
      }
    }
    live.forEach(c -> c.elector.close());
    assertThat(violations.get()).as("a candidate started leading while another led").isZero();
    assertThat(leaderships).as("the test exercised hand-overs").isGreaterThanOrEqualTo(5);
  }

  @Test
  void onItsOwnThreadAndTheSystemClockAnElectorLeadsAndHandsOverOnClose() throws Exception {
    Resources<Lease> leases = leases();
    LeaderElectionConfig fast =
        new LeaderElectionConfig(
            Duration.ofSeconds(2), Duration.ofMillis(1000), Duration.ofMillis(200), true);
    java.util.concurrent.CountDownLatch aLeads = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch bLeads = new java.util.concurrent.CountDownLatch(1);
    LeaderElector a =
        LeaderElector.builder(LeaseLock.of(leases, "lock"), "a")
            .config(fast)
            .callbacks(
                new LeaderCallbacks() {
                  @Override
                  public void onStartedLeading() {
                    aLeads.countDown();
                  }
                })
            .build();
    LeaderElector b =
        LeaderElector.builder(LeaseLock.of(leases, "lock"), "b")
            .config(fast)
            .callbacks(
                new LeaderCallbacks() {
                  @Override
                  public void onStartedLeading() {
                    bLeads.countDown();
                  }
                })
            .build();
    a.start();
    assertThat(aLeads.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    b.start();
    a.close();
    assertThat(a.isLeader()).isFalse();
    assertThat(bLeads.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(leases.get("lock").spec().holderIdentity()).isEqualTo("b");
    b.close();
  }

  private Candidate newCandidate(
      String id,
      Resources<Lease> leases,
      int skewHours,
      Random random,
      AtomicReference<String> leader,
      AtomicInteger violations) {
    FakeClock clock =
        new FakeClock(Instant.parse("2030-01-01T00:00:00Z").plusSeconds(3600L * skewHours));
    return new Candidate(id, leases, clock, random.nextBoolean(), leader, violations);
  }
}
