package dev.keelson.benchmarks.apiserver;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;

/** A server under test: Keelson's {@link ApiServer} or fabric8's mock in CRUD mode. */
interface Server extends AutoCloseable {
  /**
   * The mock logs every request at INFO through java.util.logging (to stderr); Keelson logs none.
   * Off by default so that both servers do the same work; {@code -DmockLogging=true} keeps it.
   */
  java.util.logging.Logger MOCK_LOG = quietMock();

  private static java.util.logging.Logger quietMock() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    if (!Boolean.getBoolean("mockLogging")) {
      log.setLevel(java.util.logging.Level.WARNING);
    }
    return log;
  }

  /** The base URL, {@code https://127.0.0.1:port}. */
  URI url();

  /** Short name for the report. */
  String name();

  @Override
  void close();

  /** Keelson's API server on loopback, TLS unless {@code tls} is false, on {@code storeUri}. */
  static Server keelson(String storeUri, boolean tls, int port) {
    // Authentication off: the mock has none, and the client presents no credentials.
    ApiServerConfig config =
        ApiServerConfig.loopback(port)
            .withStoreUri(storeUri)
            .withAuth(dev.keelson.apiserver.auth.AuthConfig.off());
    ApiServer server = ApiServer.start(tls ? config : config.plain());
    return new Server() {
      @Override
      public URI url() {
        return server.url();
      }

      @Override
      public String name() {
        return "keelson";
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }

  /** fabric8's {@code KubernetesMockServer} in CRUD mode on loopback, TLS unless {@code tls}. */
  static Server mock(boolean tls, int port) {
    MOCK_LOG.getName(); // initializes the logging setting
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            tls);
    server.init(InetAddress.getLoopbackAddress(), port);
    URI url = URI.create((tls ? "https" : "http") + "://127.0.0.1:" + server.getPort());
    return new Server() {
      @Override
      public URI url() {
        return url;
      }

      @Override
      public String name() {
        return "fabric8-mock";
      }

      @Override
      public void close() {
        server.destroy();
      }
    };
  }
}
