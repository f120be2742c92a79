package dev.keelson.net.dns;

import static dev.keelson.net.dns.Fixtures.clusterIp;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Bounds: in-flight forwards, malformed datagrams. */
class ClusterDnsBoundsTest {

  @Test
  void forwardsBeyondTheInFlightLimitAreAnsweredServfailAtOnce() throws Exception {
    Assumptions.assumeTrue(Dig.available(), "dig is not installed (apt-get install dnsutils)");
    AtomicInteger received = new AtomicInteger();
    try (DatagramSocket blackHole = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Thread sink =
          Thread.ofVirtual()
              .start(
                  () -> {
                    byte[] buf = new byte[512];
                    while (!blackHole.isClosed()) {
                      try {
                        blackHole.receive(new DatagramPacket(buf, buf.length));
                        received.incrementAndGet();
                      } catch (java.io.IOException e) {
                        return;
                      }
                    }
                  });
      ClusterDnsConfig config =
          ClusterDnsConfig.loopback()
              .withUpstream((InetSocketAddress) blackHole.getLocalSocketAddress())
              .withLimits(1, 4, 1232);
      try (ClusterDnsServer server =
          ClusterDnsServer.start(config, ClusterDnsView.clusterLocal())) {
        Process first =
            new ProcessBuilder(
                    Dig.DIG.toString(),
                    "@127.0.0.1",
                    "-p",
                    Integer.toString(server.port()),
                    "+tries=1",
                    "+time=5",
                    "slow.example.",
                    "A")
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(received.get()).as("the first query reached the upstream").isEqualTo(1);
        Dig.Result second = Dig.query(server.port(), "other.example.", "A");
        assertThat(second.status()).isEqualTo("SERVFAIL");
        assertThat(received.get()).isEqualTo(1);
        assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();
        String out = new String(first.getInputStream().readAllBytes());
        assertThat(Dig.parse(out).status()).as("upstream timed out").isEqualTo("SERVFAIL");
      }
      blackHole.close();
      sink.join(5000);
    }
  }

  @Test
  void malformedDatagramsAreDroppedAndTheServerKeepsAnswering() throws Exception {
    Assumptions.assumeTrue(Dig.available(), "dig is not installed (apt-get install dnsutils)");
    ClusterDnsView view = ClusterDnsView.clusterLocal();
    view.upsertService(clusterIp("default", "web", List.of("10.96.0.10")));
    view.markSynced();
    try (ClusterDnsServer server = ClusterDnsServer.start(ClusterDnsConfig.loopback(), view);
        DatagramSocket client = new DatagramSocket()) {
      byte[] junk = {1, 2, 3, 4, 5, 6, 7, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0x3f, 'x'};
      client.send(new DatagramPacket(junk, junk.length, server.address()));
      client.send(new DatagramPacket(new byte[0], 0, server.address()));
      assertThat(Dig.query(server.port(), "web.default.svc.cluster.local", "A").answerData("A"))
          .containsExactly("10.96.0.10");
    }
  }

  @Test
  void tcpConnectionsBeyondTheLimitAreClosed() throws Exception {
    ClusterDnsConfig config = ClusterDnsConfig.loopback().withLimits(1, 1, 1232);
    try (ClusterDnsServer server = ClusterDnsServer.start(config, ClusterDnsView.clusterLocal());
        java.net.Socket kept = new java.net.Socket()) {
      kept.connect(server.address(), 5000);
      // the first connection is served: an unsynced view answers SERVFAIL (rcode 2)
      byte[] q = DnsWire.query(7, "web.default.svc.cluster.local.", 1, 1, true, -1);
      java.io.OutputStream out = kept.getOutputStream();
      out.write(new byte[] {0, (byte) q.length});
      out.write(q);
      out.flush();
      kept.setSoTimeout(5000);
      java.io.DataInputStream in = new java.io.DataInputStream(kept.getInputStream());
      byte[] response = new byte[in.readUnsignedShort()];
      in.readFully(response);
      assertThat(response[3] & 0x0f).isEqualTo(2);
      try (java.net.Socket extra = new java.net.Socket()) {
        extra.connect(server.address(), 5000);
        extra.setSoTimeout(5000);
        assertThat(extra.getInputStream().read()).as("closed by the server").isEqualTo(-1);
      }
    }
  }
}
