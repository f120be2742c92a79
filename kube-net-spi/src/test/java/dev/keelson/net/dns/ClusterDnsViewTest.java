package dev.keelson.net.dns;

import static dev.keelson.net.dns.Fixtures.clusterIp;
import static dev.keelson.net.dns.Fixtures.endpoint;
import static dev.keelson.net.dns.Fixtures.headless;
import static dev.keelson.net.dns.Fixtures.pod;
import static dev.keelson.net.dns.Fixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.net.dns.DnsAnswer.Outcome;
import io.netty.handler.codec.dns.DnsRecordType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records view: how informer events change answers. */
class ClusterDnsViewTest {

  @Test
  void clusterNamesFailUntilSyncedExternalNamesForwardAlways() {
    ClusterDnsView view = ClusterDnsView.clusterLocal();
    assertThat(view.lookup("web.default.svc.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.SERVFAIL);
    assertThat(view.lookup("example.org.", DnsRecordType.A).outcome()).isEqualTo(Outcome.FORWARD);
    view.markSynced();
    assertThat(view.lookup("web.default.svc.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
  }

  @Test
  void upsertsAndDeletesChangeAnswersAndTheSoaSerial() {
    ClusterDnsView view = ClusterDnsView.clusterLocal();
    view.markSynced();
    long serial = view.serial();
    view.upsertService(clusterIp("ns", "web", List.of("10.96.0.1")));
    assertThat(view.serial()).isGreaterThan(serial);
    assertThat(view.lookup("web.ns.svc.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.ANSWER);
    view.upsertService(clusterIp("ns", "web", List.of("10.96.0.2")));
    assertThat(view.lookup("web.ns.svc.cluster.local.", DnsRecordType.A).answers())
        .singleElement()
        .satisfies(r -> assertThat(r.rdata()).containsExactly(10, 96, 0, 2));
    view.deleteService("ns", "web");
    assertThat(view.lookup("web.ns.svc.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
    assertThat(view.lookup("ns.svc.cluster.local.", DnsRecordType.A).outcome())
        .as("namespace without services")
        .isEqualTo(Outcome.NXDOMAIN);
  }

  @Test
  void headlessEndpointsFollowSlices() {
    ClusterDnsView view = ClusterDnsView.clusterLocal();
    view.markSynced();
    view.upsertService(headless("ns", "db"));
    assertThat(view.lookup("db.ns.svc.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
    view.upsertEndpointSlice(
        slice("ns", "db-1", "db", "IPv4", List.of(endpoint("10.1.0.1", null, true))));
    view.upsertEndpointSlice(
        slice("ns", "db-2", "db", "IPv4", List.of(endpoint("10.1.0.2", null, true))));
    assertThat(view.lookup("db.ns.svc.cluster.local.", DnsRecordType.A).answers()).hasSize(2);
    view.deleteEndpointSlice("ns", "db-1");
    assertThat(view.lookup("db.ns.svc.cluster.local.", DnsRecordType.A).answers()).hasSize(1);
    assertThat(view.lookup("db.ns.svc.cluster.local.", DnsRecordType.AAAA).outcome())
        .isEqualTo(Outcome.NODATA);
  }

  @Test
  void verifiedPodRecordsNeedAPodWithThatIpInThatNamespace() {
    ClusterDnsView view = new ClusterDnsView("cluster.local", PodRecords.VERIFIED);
    view.markSynced();
    assertThat(view.lookup("10-4-0-7.ns.pod.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
    view.upsertPod(pod("ns", "p", "10.4.0.7"));
    assertThat(view.lookup("10-4-0-7.ns.pod.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.ANSWER);
    assertThat(view.lookup("10-4-0-7.other.pod.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
    view.deletePod("ns", "p");
    assertThat(view.lookup("10-4-0-7.ns.pod.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
  }

  @Test
  void disabledPodRecords() {
    ClusterDnsView view = new ClusterDnsView("cluster.local", PodRecords.DISABLED);
    view.markSynced();
    assertThat(view.lookup("10-4-0-7.ns.pod.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
  }

  @Test
  void notReadyEndpointsArePublishedWhenTheServiceAsksForIt() {
    ClusterDnsView view = ClusterDnsView.clusterLocal();
    view.markSynced();
    dev.keelson.api.core.v1.Service svc = headless("ns", "db");
    view.upsertService(svc.withSpec(svc.spec().withPublishNotReadyAddresses(true)));
    view.upsertEndpointSlice(
        slice("ns", "db-1", "db", "IPv4", List.of(endpoint("10.1.0.1", "db-0", false))));
    assertThat(view.lookup("db-0.db.ns.svc.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.ANSWER);
    view.upsertService(svc);
    assertThat(view.lookup("db-0.db.ns.svc.cluster.local.", DnsRecordType.A).outcome())
        .isEqualTo(Outcome.NXDOMAIN);
  }
}
