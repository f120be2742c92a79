package dev.keelson.apiserver.http;

import dev.keelson.client.tls.SingleKeyManager;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The server side of TLS: a JDK {@link SSLContext} with the serving key, and a server {@link
 * SSLEngine} per connection offering HTTP/2 and HTTP/1.1 by ALPN.
 *
 * <p>Made with the JDK directly rather than Netty's {@code SslContextBuilder}: Netty's JDK server
 * context checks, once per JVM, whether its trust manager wrapping works by building a PKCS #12 key
 * store from a fixed RSA key (10,000 PBKDF2 rounds, and BouncyCastle's provider when it is on the
 * class path): half of the CPU of a cold start, for nothing this server uses. The engine is set up
 * as Netty's would be: TLS 1.3 and 1.2, AEAD cipher suites with forward secrecy only, the client
 * certificate asked for (not required) when the server has client certificate issuers, and ALPN
 * that picks {@code h2} over {@code http/1.1} and goes on without a protocol when the client offers
 * neither (Netty's {@code NO_ADVERTISE}).
 */
final class ServerTls {
  /** In preference order (as the JDK orders them), TLS 1.3 first. */
  private static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final SSLContext context;
  private final boolean askForClientCertificates;
  private final String[] cipherSuites;
  private final String[] protocols;

  private ServerTls(SSLContext context, boolean askForClientCertificates) {
    this.context = context;
    this.askForClientCertificates = askForClientCertificates;
    Enabled enabled = Enabled.of(context);
    this.cipherSuites = enabled.cipherSuites().clone();
    this.protocols = enabled.protocols().clone();
  }

  /**
   * The suites and protocols of ours that the JDK's TLS implementation supports: the same for every
   * context of the provider, so worked out once per JVM (per provider, should it change).
   */
  private record Enabled(String provider, String[] cipherSuites, String[] protocols) {
    private static volatile Enabled last;

    static Enabled of(SSLContext context) {
      Enabled e = last;
      String provider = context.getProvider().getName();
      if (e == null || !e.provider().equals(provider)) {
        SSLParameters supported = context.getSupportedSSLParameters();
        e =
            new Enabled(
                provider,
                supportedOf(CIPHER_SUITES, supported.getCipherSuites()),
                supportedOf(PROTOCOLS, supported.getProtocols()));
        last = e;
      }
      return e;
    }
  }

  /**
   * Loads and initializes the JDK's TLS implementation and works out the suites and protocols
   * servers enable (once per JVM; later calls return at once). A first start calls it on a thread
   * of its own while the main path does other work.
   */
  static void preload() {
    if (Enabled.last != null) {
      return;
    }
    try {
      Enabled.of(keylessContext());
    } catch (GeneralSecurityException | RuntimeException e) {
      // Only a head start: ServerTls.of does it again, and reports a failure, when a server is set
      // up.
    }
  }

  /** The context for {@code config}'s serving certificate and client certificate issuers. */
  static ServerTls of(HttpServerConfig config) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          new KeyManager[] {
            new SingleKeyManager(config.tls().privateKey(), config.tls().certificate())
          },
          // Never the JDK's default trust (it reads the cacerts file): client certificates are
          // only asked for with issuers, and then verified per request by authentication.
          new TrustManager[] {new ClientCertificateRequest(config.clientCertificateIssuers())},
          null);
      return new ServerTls(ctx, !config.clientCertificateIssuers().isEmpty());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * A context without a key that reads no file (our trust manager: the JDK's default one would read
   * the cacerts file), for {@link #preload}.
   */
  static SSLContext keylessContext() throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(new KeyManager[0], new TrustManager[] {new ClientCertificateRequest(List.of())}, null);
    return ctx;
  }

  /** The cipher suites a server engine enables (for tests). */
  String[] cipherSuites() {
    return cipherSuites.clone();
  }

  /** A server engine for one connection. */
  SSLEngine newEngine() {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters params = engine.getSSLParameters();
    params.setProtocols(protocols);
    params.setCipherSuites(cipherSuites);
    params.setUseCipherSuitesOrder(true);
    params.setApplicationProtocols(new String[] {Alpn.HTTP_2, Alpn.HTTP_1_1});
    if (askForClientCertificates) {
      params.setWantClientAuth(true);
    }
    engine.setSSLParameters(params);
    engine.setHandshakeApplicationProtocolSelector((e, offered) -> Alpn.select(offered));
    return engine;
  }

  private static String[] supportedOf(List<String> wanted, String[] supported) {
    Set<String> have = Set.of(supported);
    List<String> out = new ArrayList<>();
    for (String w : wanted) {
      if (have.contains(w)) {
        out.add(w);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("the JDK supports none of " + wanted);
    }
    return out.toArray(String[]::new);
  }
}
