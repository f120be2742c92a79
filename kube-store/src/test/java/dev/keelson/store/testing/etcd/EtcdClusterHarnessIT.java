package dev.keelson.store.testing.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EtcdClusterHarnessIT {

  @BeforeAll
  static void etcdInstalled() {
    Optional<String> reason = EtcdCluster.unavailabilityReason();
    assumeTrue(reason.isEmpty(), () -> "etcd not installed: " + reason.orElseThrow());
  }

  @Test
  void singleMemberStartsHealthyAndLeadsOnLoopback() throws Exception {
    Path dataDir;
    try (EtcdCluster etcd = EtcdCluster.start(1)) {
      EtcdProcess member = etcd.members().getFirst();
      dataDir = member.dataDir();
      assertThat(etcd.isHealthy(member)).isTrue();
      assertThat(member.endpoint()).startsWith("127.0.0.1:");
      assertThat(etcd.leader(Duration.ofSeconds(10))).isSameAs(member);
      assertThat(etcd.storeUri("/x")).isEqualTo("etcd://" + member.endpoint() + "?prefix=/x");
    }
    assertThat(Files.exists(dataDir)).as("data dir removed on close").isFalse();
  }

  @Test
  void killingTheLeaderOfThreeElectsAnotherAndTheKilledMemberRejoins() throws Exception {
    try (EtcdCluster etcd = EtcdCluster.start(3)) {
      EtcdProcess leader = etcd.leader(Duration.ofSeconds(20));

      leader.kill();

      assertThat(leader.isAlive()).isFalse();
      EtcdProcess next = etcd.awaitLeader(Duration.ofSeconds(20));
      assertThat(next).isNotSameAs(leader);
      assertThat(etcd.aliveMembers()).hasSize(2);

      leader.start();
      etcd.awaitHealthy(Duration.ofSeconds(30));
      assertThat(etcd.aliveMembers()).hasSize(3);
    }
  }
}
