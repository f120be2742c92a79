package dev.keelson.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;

/**
 * How to open a store: the URI choosing the backend plus settings every backend understands.
 * Backend-specific options travel in the URI's query (see each provider). Build with {@link
 * #builder(String)}.
 *
 * @param uri {@code memory:}, {@code file:<dir>} or {@code etcd://host:port[,host:port...]}
 * @param maxRequestBytes limit on the keys plus values of one request (etcd's default 1.5 MiB)
 * @param historyRevisions embedded backends: how many revisions of history to keep for reads at
 *     past revisions and watch resumes before compacting automatically (0: no limit by count)
 * @param historyRetention embedded backends: how long to keep history (zero: no limit by age)
 * @param watchBufferEvents capacity of each watch's buffer, in events
 * @param requestTimeout remote backends: how long to wait for an answer before failing with {@link
 *     UnavailableException}
 * @param tls remote backends: TLS settings, if TLS is used
 * @param credentials remote backends: user name and password, if authentication is used
 * @param clock source of time (history retention, timeouts); injectable for tests
 */
public record StoreConfig(
    URI uri,
    long maxRequestBytes,
    long historyRevisions,
    Duration historyRetention,
    int watchBufferEvents,
    Duration requestTimeout,
    Optional<Tls> tls,
    Optional<Credentials> credentials,
    InstantSource clock) {

  /** etcd's default {@code --max-request-bytes}: 1.5 MiB. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1_572_864;

  public StoreConfig {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(historyRetention, "historyRetention");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(clock, "clock");
    if (maxRequestBytes <= 0 || historyRevisions < 0 || watchBufferEvents <= 0) {
      throw new IllegalArgumentException(
          "maxRequestBytes and watchBufferEvents must be > 0, historyRevisions >= 0");
    }
    if (historyRetention.isNegative() || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("historyRetention >= 0 and requestTimeout > 0 required");
    }
  }

  /** TLS for remote backends: trusted CA certificates and an optional client certificate. */
  public record Tls(
      Path trustedCertificates, Optional<Path> clientCertificate, Optional<Path> clientKey) {
    public Tls {
      Objects.requireNonNull(trustedCertificates, "trustedCertificates");
      Objects.requireNonNull(clientCertificate, "clientCertificate");
      Objects.requireNonNull(clientKey, "clientKey");
    }
  }

  /** User name and password for remote backends. */
  public record Credentials(String username, String password) {
    public Credentials {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=***]";
    }
  }

  /** The defaults for {@code uri}. */
  public static StoreConfig of(String uri) {
    return builder(uri).build();
  }

  /**
   * A builder starting from the defaults for {@code uri}.
   *
   * @throws InvalidStoreUriException if {@code uri} is not a URI
   */
  public static Builder builder(String uri) {
    return new Builder(parse(uri));
  }

  /** A builder holding this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder(uri);
    b.maxRequestBytes = maxRequestBytes;
    b.historyRevisions = historyRevisions;
    b.historyRetention = historyRetention;
    b.watchBufferEvents = watchBufferEvents;
    b.requestTimeout = requestTimeout;
    b.tls = tls;
    b.credentials = credentials;
    b.clock = clock;
    return b;
  }

  private static final java.util.regex.Pattern SCHEME_ONLY =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  static URI parse(String uri) {
    if (uri == null || uri.isBlank()) {
      return URI.create("memory:?");
    }
    String s = uri.strip();
    if (SCHEME_ONLY.matcher(s).matches()) {
      // java.net.URI cannot hold an empty scheme-specific part: keep "memory:" as "memory:?".
      s = s + "?";
    }
    try {
      URI u = new URI(s);
      if (u.getScheme() == null) {
        throw new InvalidStoreUriException(
            "store URI '" + uri + "' has no scheme; use memory:, file:<dir> or etcd://host:port");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new InvalidStoreUriException("invalid store URI '" + uri + "': " + e.getMessage(), e);
    }
  }

  /** Builds a {@link StoreConfig}; every setting has a default. */
  public static final class Builder {
    private URI uri;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private long historyRevisions = 10_000;
    private Duration historyRetention = Duration.ofMinutes(5);
    private int watchBufferEvents = 10_000;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Optional<Tls> tls = Optional.empty();
    private Optional<Credentials> credentials = Optional.empty();
    private InstantSource clock = InstantSource.system();

    private Builder(URI uri) {
      this.uri = uri;
    }

    public Builder uri(String uri) {
      this.uri = parse(uri);
      return this;
    }

    public Builder maxRequestBytes(long bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    public Builder historyRevisions(long revisions) {
      this.historyRevisions = revisions;
      return this;
    }

    public Builder historyRetention(Duration retention) {
      this.historyRetention = retention;
      return this;
    }

    public Builder watchBufferEvents(int events) {
      this.watchBufferEvents = events;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public Builder tls(Tls tls) {
      this.tls = Optional.of(tls);
      return this;
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = Optional.of(credentials);
      return this;
    }

    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    public StoreConfig build() {
      return new StoreConfig(
          uri,
          maxRequestBytes,
          historyRevisions,
          historyRetention,
          watchBufferEvents,
          requestTimeout,
          tls,
          credentials,
          clock);
    }
  }
}
