package dev.keelson.apiserver.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server's TLS as clients of each kind meet it: ALPN choices, protocols, cipher suites. */
class ServerTlsTest {
  private static final CertificateAuthority CA =
      CertificateAuthority.generate("test-ca", Duration.ofDays(1), InstantSource.system());

  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    IssuedCertificate serving =
        CA.issueServer(
            "test",
            List.of("localhost"),
            List.of(InetAddress.getByName("127.0.0.1")),
            Duration.ofDays(1));
    server =
        HttpServer.start(
            new HttpServerConfig(
                InetAddress.getLoopbackAddress(), 0, serving, 1024, 10, Duration.ofSeconds(5)),
            ex ->
                ex.respond(
                    200,
                    Map.of("content-type", "text/plain"),
                    (ex.request().path() + " " + ex.request().protocol()).getBytes(UTF_8)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void thePreloadedTlsImplementationEnablesWhatEachServerWould() throws Exception {
    HttpServer.preloadTls(); // a no-op once a server has set up TLS in this JVM: never throws
    SSLParameters supported = ServerTls.keylessContext().getSupportedSSLParameters();
    assertThat(supported.getProtocols()).contains("TLSv1.3", "TLSv1.2");
    String[] enabled =
        ServerTls.of(
                new HttpServerConfig(
                    InetAddress.getLoopbackAddress(),
                    0,
                    CA.issueServer("t", List.of("localhost"), List.of(), Duration.ofDays(1)),
                    1024,
                    10,
                    Duration.ofSeconds(5)))
            .cipherSuites();
    assertThat(enabled)
        .startsWith("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384")
        .isSubsetOf(supported.getCipherSuites())
        .allMatch(s -> s.startsWith("TLS_AES_") || s.contains("ECDHE") || s.contains("CHACHA20"));
  }

  private SSLSocket connect(SSLParameters tune) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", CA.certificate().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    SSLParameters params = socket.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (tune.getApplicationProtocols().length > 0) {
      params.setApplicationProtocols(tune.getApplicationProtocols());
    }
    if (tune.getCipherSuites() != null) {
      params.setCipherSuites(tune.getCipherSuites());
    }
    if (tune.getProtocols() != null) {
      params.setProtocols(tune.getProtocols());
    }
    socket.setSSLParameters(params);
    socket.startHandshake();
    return socket;
  }

  private static String http11Get(SSLSocket socket, String path) throws Exception {
    socket
        .getOutputStream()
        .write(
            ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(UTF_8));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(UTF_8);
  }

  @Test
  void aClientOfferingH2AndHttp11GetsH2() throws Exception {
    SSLParameters p = new SSLParameters();
    p.setApplicationProtocols(new String[] {"http/1.1", "h2"});
    try (SSLSocket s = connect(p)) {
      assertThat(s.getApplicationProtocol()).isEqualTo("h2");
    }
  }

  @Test
  void aClientWithoutAlpnIsServedHttp11() throws Exception {
    try (SSLSocket s = connect(new SSLParameters())) {
      assertThat(s.getApplicationProtocol()).isEmpty();
      String response = http11Get(s, "/readyz");
      assertThat(response).startsWith("HTTP/1.1 200").endsWith("/readyz HTTP/1.1");
    }
  }

  @Test
  void aClientOfferingOnlyUnknownProtocolsIsServedHttp11WithoutAlpn() throws Exception {
    SSLParameters p = new SSLParameters();
    p.setApplicationProtocols(new String[] {"spdy/3.1"});
    try (SSLSocket s = connect(p)) {
      assertThat(s.getApplicationProtocol()).isEmpty();
      assertThat(http11Get(s, "/x")).startsWith("HTTP/1.1 200").endsWith("/x HTTP/1.1");
    }
  }

  @Test
  void tls12IsAcceptedWithForwardSecretAeadSuites() throws Exception {
    SSLParameters p = new SSLParameters();
    p.setProtocols(new String[] {"TLSv1.2"});
    p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
    try (SSLSocket s = connect(p)) {
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(s.getSession().getCipherSuite())
          .startsWith("TLS_ECDHE_ECDSA_WITH_")
          .contains("GCM");
      assertThat(s.getApplicationProtocol()).isEqualTo("h2");
    }
  }

  @Test
  void cbcCipherSuitesAreRefused() {
    SSLParameters p = new SSLParameters();
    p.setProtocols(new String[] {"TLSv1.2"});
    p.setCipherSuites(
        new String[] {
          "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"
        });
    assertThatThrownBy(() -> connect(p).close()).isInstanceOf(SSLHandshakeException.class);
  }
}
