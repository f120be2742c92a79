package dev.keelson.net.dns;

import static dev.keelson.net.dns.Fixtures.clusterIp;
import static dev.keelson.net.dns.Fixtures.endpoint;
import static dev.keelson.net.dns.Fixtures.headless;
import static dev.keelson.net.dns.Fixtures.port;
import static dev.keelson.net.dns.Fixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.Service;
import dev.keelson.api.discovery.v1.EndpointSlice;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.net.dns.DnsAnswer.Outcome;
import dev.keelson.testkit.Eventually;
import dev.keelson.testkit.KeelsonTest;
import io.netty.handler.codec.dns.DnsRecordType;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Cluster DNS fed by informers from a real (in-process) API server. */
@KeelsonTest(perTest = true)
class ClusterDnsFeedTest {

  @Test
  void answersFollowServicesAndSlicesInTheApiServer(KubeClient client) throws Exception {
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(clusterIp("default", "web", List.of("10.96.7.7"), port("http", "TCP", 80)));
    client
        .resources(Service.class)
        .inNamespace("default")
        .create(headless("default", "db", port("pg", "TCP", 5432)));
    client
        .resources(EndpointSlice.class)
        .inNamespace("default")
        .create(slice("default", "db-1", "db", "IPv4", List.of(endpoint("10.1.0.1", null, true))));

    ClusterDnsView view = ClusterDnsView.clusterLocal();
    try (InformerFactory informers = InformerFactory.create(client);
        ClusterDnsFeed feed = ClusterDnsFeed.attach(informers, view, PodRecords.INSECURE)) {
      assertThat(view.lookup("web.default.svc.cluster.local.", DnsRecordType.A).outcome())
          .as("no answers before the informers listed")
          .isEqualTo(Outcome.SERVFAIL);
      informers.start();
      await(feed::synced);
      assertThat(view.lookup("web.default.svc.cluster.local.", DnsRecordType.A).answers())
          .singleElement()
          .satisfies(r -> assertThat(r.rdata()).containsExactly(10, 96, 7, 7));
      assertThat(view.lookup("db.default.svc.cluster.local.", DnsRecordType.A).answers())
          .singleElement()
          .satisfies(r -> assertThat(r.rdata()).containsExactly(10, 1, 0, 1));

      client
          .resources(EndpointSlice.class)
          .inNamespace("default")
          .create(
              slice("default", "db-2", "db", "IPv4", List.of(endpoint("10.1.0.2", null, true))));
      await(
          () ->
              view.lookup("db.default.svc.cluster.local.", DnsRecordType.A).answers().size() == 2);

      client.resources(Service.class).inNamespace("default").delete("web", null);
      await(
          () ->
              view.lookup("web.default.svc.cluster.local.", DnsRecordType.A).outcome()
                  == Outcome.NXDOMAIN);
    }
  }

  @Test
  void closedFeedStopsChangingTheView(KubeClient client) throws Exception {
    ClusterDnsView view = ClusterDnsView.clusterLocal();
    try (InformerFactory informers = InformerFactory.create(client)) {
      ClusterDnsFeed feed = ClusterDnsFeed.attach(informers, view, PodRecords.INSECURE);
      informers.start();
      await(feed::synced);
      feed.close();
      client
          .resources(Service.class)
          .inNamespace("default")
          .create(clusterIp("default", "late", List.of("10.96.8.8"), port("http", "TCP", 80)));
      // A second feed on the same informers sees the Service: the first one had its chance.
      ClusterDnsView other = ClusterDnsView.clusterLocal();
      try (ClusterDnsFeed second = ClusterDnsFeed.attach(informers, other, PodRecords.INSECURE)) {
        await(
            () ->
                second.synced()
                    && other.lookup("late.default.svc.cluster.local.", DnsRecordType.A).outcome()
                        == Outcome.ANSWER);
      }
      assertThat(view.lookup("late.default.svc.cluster.local.", DnsRecordType.A).outcome())
          .isEqualTo(Outcome.NXDOMAIN);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    Eventually.await("the view to follow the API server", Duration.ofSeconds(10), condition);
  }
}
