package dev.keelson.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a {@link KubeClient} connects over HTTP. Usually made from a kubeconfig ({@link
 * dev.keelson.client.config.Kubeconfig#clientConfig()}); build one by hand with {@link
 * #builder(URI)}.
 *
 * @param server the API server's URL, {@code https://host:port} (or {@code http://} for tests)
 * @param sslContext trust (cluster CA) and client certificate for {@code https}; {@code null} uses
 *     the JDK's default trust store and no client certificate
 * @param credentials the {@code Authorization} header to send
 * @param namespace the default namespace of the context ({@code default} when unset)
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the answer of a non-streaming request
 * @param userAgent the {@code User-Agent} header
 */
public record ClientConfig(
    URI server,
    SSLContext sslContext,
    Credentials credentials,
    String namespace,
    Duration connectTimeout,
    Duration requestTimeout,
    String userAgent) {

  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
  public static final String DEFAULT_USER_AGENT = "keelson-kube-client/0.1";

  public ClientConfig {
    Objects.requireNonNull(server, "server");
    String scheme = server.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("server must be an http(s) URL: " + server);
    }
    credentials = credentials == null ? Credentials.none() : credentials;
    namespace = namespace == null || namespace.isEmpty() ? "default" : namespace;
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    userAgent = userAgent == null ? DEFAULT_USER_AGENT : userAgent;
  }

  /** A builder for a server URL. */
  public static Builder builder(URI server) {
    return new Builder(server);
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(server)
        .sslContext(sslContext)
        .credentials(credentials)
        .namespace(namespace)
        .connectTimeout(connectTimeout)
        .requestTimeout(requestTimeout)
        .userAgent(userAgent);
  }

  @Override
  public String toString() {
    return "ClientConfig[server="
        + server
        + ", credentials="
        + credentials
        + ", namespace="
        + namespace
        + "]";
  }

  /** Builds a {@link ClientConfig}; unset fields take the defaults. */
  public static final class Builder {
    private URI server;
    private SSLContext sslContext;
    private Credentials credentials;
    private String namespace;
    private Duration connectTimeout;
    private Duration requestTimeout;
    private String userAgent;

    private Builder(URI server) {
      this.server = server;
    }

    public Builder server(URI server) {
      this.server = server;
      return this;
    }

    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = sslContext;
      return this;
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = credentials;
      return this;
    }

    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public ClientConfig build() {
      return new ClientConfig(
          server, sslContext, credentials, namespace, connectTimeout, requestTimeout, userAgent);
    }
  }
}
