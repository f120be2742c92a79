package dev.keelson.client;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The client contract over TLS (HTTP/2 by ALPN), connected through the kubeconfig the server
 * writes: its generated CA and the admin client certificate.
 */
class TlsKubeClientTest extends KubeClientContractTest {
  @Override
  protected ApiServerConfig serverConfig() {
    return ApiServerConfig.loopback(0);
  }

  @Override
  protected KubeClient connect(ApiServer server) throws Exception {
    Path dir = Files.createTempDirectory("kube-client-tls");
    Path kubeconfig = dir.resolve("admin.kubeconfig");
    server.adminKubeconfig("keelson").write(kubeconfig);
    try {
      return KubeClient.fromKubeconfig(kubeconfig);
    } finally {
      Files.delete(kubeconfig);
      Files.delete(dir);
    }
  }
}
