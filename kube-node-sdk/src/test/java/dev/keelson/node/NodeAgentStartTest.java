package dev.keelson.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.FakeClock;
import dev.keelson.node.simulated.SimulatedRuntime;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start that cannot register leaves behind: nothing. */
class NodeAgentStartTest {
  @TempDir Path dir;

  @Test
  void aStartThatCannotRegisterClosesTheEndpointItOpened() throws Exception {
    ApiServer server = ApiServer.start(ApiServerConfig.loopback(0));
    CertificateAuthority ca = server.certificateAuthority();
    IssuedCertificate serving =
        ca.issueServer(
            "node-x",
            List.of("node-x"),
            List.of(InetAddress.getByName("127.0.0.1")),
            Duration.ofDays(1));
    KubeClient client = server.inProcessClient();
    server.close(); // every call of the client fails from now on
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }
    FakeClock clock = new FakeClock();
    NodeAgentConfig config =
        NodeAgentConfig.builder("node-x")
            .clock(clock)
            .runtime(new SimulatedRuntime(clock, Duration.ZERO))
            .hostIp("127.0.0.1")
            .serverAddress("127.0.0.1")
            .kubeletPort(port)
            .rootDir(Files.createDirectories(dir.resolve("root")))
            .serving(
                new NodeServing(
                    serving.privateKey(),
                    List.of(serving.certificate()),
                    List.of(ca.certificate().certificate())))
            .build();

    assertThatThrownBy(() -> NodeAgent.start(client, config)).isInstanceOf(RuntimeException.class);
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    }
  }
}
