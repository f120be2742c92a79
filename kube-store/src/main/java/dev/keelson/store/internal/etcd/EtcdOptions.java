package dev.keelson.store.internal.etcd;

import dev.keelson.store.InvalidStoreUriException;
import dev.keelson.store.StoreConfig;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the etcd backend needs to connect, parsed from a {@link StoreConfig} whose URI is
 *
 * <pre>
 * etcd://host[:port][,host[:port]...][/][?option=value&amp;...]
 * </pre>
 *
 * <p>Hosts are names or IPv4 addresses; a bracketed IPv6 address works as the only host ({@code
 * java.net.URI} rejects brackets in a host list; use names for several IPv6 members). The port
 * defaults to 2379. The client balances requests over all endpoints and fails over between them.
 * Options (values percent-encoded where needed):
 *
 * <table>
 *   <caption>etcd URI options</caption>
 *   <tr><th>option</th><th>meaning</th></tr>
 *   <tr><td>{@code prefix}</td><td>key prefix of this store in etcd, so several clusters can share
 *       one etcd. Every key is stored as {@code prefix + key} and stripped on the way out; ranges
 *       and watches never leave the prefix. A prefix not ending in {@code /} gets one appended, so
 *       {@code /cluster-a} and {@code /cluster-ab} stay apart; prefixes of clusters sharing an
 *       etcd must not nest. Default: none (keys are stored as they are).</td></tr>
 *   <tr><td>{@code user}, {@code password}</td><td>etcd authentication (both or neither).</td></tr>
 *   <tr><td>{@code cacert}</td><td>PEM file of the CA certificates to trust; turns TLS on.</td></tr>
 *   <tr><td>{@code cert}, {@code key}</td><td>PEM client certificate and its PKCS#8 private key
 *       for mutual TLS (both or neither; need {@code cacert}).</td></tr>
 *   <tr><td>{@code authority}</td><td>the name to verify the servers' certificates against, when
 *       it differs from the endpoint host (e.g. endpoints given as IP addresses).</td></tr>
 *   <tr><td>{@code timeout}</td><td>per-request timeout, e.g. {@code 500ms}, {@code 5s}, {@code
 *       1m} or ISO-8601 {@code PT5S}; default {@link StoreConfig#requestTimeout()}.</td></tr>
 * </table>
 *
 * <p>The same settings can come from {@link StoreConfig} ({@link StoreConfig#credentials()}, {@link
 * StoreConfig#tls()}, {@link StoreConfig#requestTimeout()}); giving a setting both ways with
 * different values is an error, as is an unknown option, user info in the authority ({@code
 * user:pw@host}, use {@code user=} and {@code password=}), a path other than {@code /} (use {@code
 * prefix=}), a fragment, or a file that does not exist. All of these throw {@link
 * InvalidStoreUriException} naming the problem; a password is never echoed.
 *
 * @param endpoints host and port of each member, in URI order, without duplicates
 * @param prefix the normalized key prefix, empty for none
 * @param credentials user name and password, if authentication is used
 * @param tls CA certificates and optional client certificate, if TLS is used
 * @param authority the TLS authority override, if any
 * @param requestTimeout deadline of every request
 * @param maxRequestBytes limit on the keys plus values of one request, checked before sending
 * @param watchBufferEvents capacity of each watch's buffer, in events
 */
public record EtcdOptions(
    List<Endpoint> endpoints,
    String prefix,
    Optional<StoreConfig.Credentials> credentials,
    Optional<StoreConfig.Tls> tls,
    Optional<String> authority,
    Duration requestTimeout,
    long maxRequestBytes,
    int watchBufferEvents) {

  /** etcd's default client port. */
  public static final int DEFAULT_PORT = 2379;

  private static final Set<String> OPTIONS =
      Set.of("prefix", "user", "password", "cacert", "cert", "key", "authority", "timeout");
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  public EtcdOptions {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(authority, "authority");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("at least one endpoint is required");
    }
  }

  /** One etcd member's client endpoint. */
  public record Endpoint(String host, int port) {
    /** {@code host:port}, with IPv6 hosts bracketed. */
    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** The endpoints as {@code h1:p1,h2:p2}, for messages. */
  public String endpointList() {
    return String.join(",", endpoints.stream().map(Endpoint::toString).toList());
  }

  /** The endpoints as URIs for jetcd: {@code http://} or, with TLS, {@code https://}. */
  public List<URI> endpointUris() {
    String scheme = tls.isPresent() ? "https://" : "http://";
    return endpoints.stream().map(e -> URI.create(scheme + e)).toList();
  }

  /**
   * Parses {@code config}'s URI and merges its options with {@code config}'s settings.
   *
   * @throws InvalidStoreUriException if the URI or an option is invalid
   */
  public static EtcdOptions parse(StoreConfig config) {
    URI uri = config.uri();
    if (!"etcd".equalsIgnoreCase(uri.getScheme())) {
      throw invalid(uri, "the scheme must be etcd");
    }
    if (uri.isOpaque()) {
      throw invalid(uri, "expected etcd://host:port[,host:port...]");
    }
    if (uri.getRawFragment() != null) {
      throw invalid(uri, "a fragment (#...) is not allowed");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      throw invalid(uri, "a path is not allowed; give the key prefix as ?prefix=" + path);
    }
    List<Endpoint> endpoints = parseEndpoints(uri);
    Map<String, String> query = parseQuery(uri);

    String prefix = query.getOrDefault("prefix", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }

    Optional<StoreConfig.Credentials> credentials = Optional.empty();
    String user = query.get("user");
    String password = query.get("password");
    if ((user == null) != (password == null)) {
      throw invalid(uri, "user and password must be given together");
    }
    if (user != null) {
      if (user.isEmpty()) {
        throw invalid(uri, "user must not be empty");
      }
      credentials = Optional.of(new StoreConfig.Credentials(user, password));
    }
    credentials = merge(uri, "credentials (user, password)", credentials, config.credentials());

    Optional<StoreConfig.Tls> tls = Optional.empty();
    String cacert = query.get("cacert");
    String cert = query.get("cert");
    String key = query.get("key");
    if ((cert == null) != (key == null)) {
      throw invalid(uri, "cert and key must be given together");
    }
    if (cert != null && cacert == null) {
      throw invalid(uri, "cert and key need cacert (client certificates are used only with TLS)");
    }
    if (cacert != null) {
      tls =
          Optional.of(
              new StoreConfig.Tls(
                  Path.of(cacert),
                  Optional.ofNullable(cert).map(Path::of),
                  Optional.ofNullable(key).map(Path::of)));
    }
    tls = merge(uri, "TLS (cacert, cert, key)", tls, config.tls());
    if (tls.isPresent()) {
      StoreConfig.Tls t = tls.get();
      if (t.clientCertificate().isPresent() != t.clientKey().isPresent()) {
        throw invalid(uri, "a TLS client certificate needs its key and vice versa");
      }
      checkReadable(uri, "cacert", t.trustedCertificates());
      t.clientCertificate().ifPresent(p -> checkReadable(uri, "cert", p));
      t.clientKey().ifPresent(p -> checkReadable(uri, "key", p));
    }

    Optional<String> authority = Optional.ofNullable(query.get("authority"));
    if (authority.isPresent() && tls.isEmpty()) {
      throw invalid(uri, "authority is only used with TLS (cacert=...)");
    }

    Duration timeout = config.requestTimeout();
    if (query.containsKey("timeout")) {
      timeout = parseDuration(uri, query.get("timeout"));
    }

    return new EtcdOptions(
        endpoints,
        prefix,
        credentials,
        tls,
        authority,
        timeout,
        config.maxRequestBytes(),
        config.watchBufferEvents());
  }

  private static List<Endpoint> parseEndpoints(URI uri) {
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isBlank()) {
      throw invalid(uri, "no endpoint; expected etcd://host:port[,host:port...]");
    }
    if (authority.contains("@")) {
      throw invalid(
          uri, "user info in the authority is not supported; use ?user=...&password=... instead");
    }
    List<Endpoint> endpoints = new ArrayList<>();
    for (String part : authority.split(",", -1)) {
      Endpoint endpoint = parseEndpoint(uri, part.strip());
      if (!endpoints.contains(endpoint)) {
        endpoints.add(endpoint);
      }
    }
    return endpoints;
  }

  private static Endpoint parseEndpoint(URI uri, String text) {
    if (text.isEmpty()) {
      throw invalid(uri, "empty endpoint in the host list");
    }
    String host;
    String port = null;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(uri, "unclosed '[' in endpoint '" + text + "'");
      }
      host = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(uri, "unexpected '" + rest + "' after IPv6 address in '" + text + "'");
        }
        port = rest.substring(1);
      }
    } else {
      int colon = text.lastIndexOf(':');
      if (colon >= 0 && text.indexOf(':') != colon) {
        throw invalid(uri, "IPv6 address '" + text + "' must be bracketed: [addr]:port");
      }
      host = colon < 0 ? text : text.substring(0, colon);
      port = colon < 0 ? null : text.substring(colon + 1);
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
      throw invalid(uri, "invalid host in endpoint '" + text + "'");
    }
    int portNumber = DEFAULT_PORT;
    if (port != null) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        portNumber = -1;
      }
      if (portNumber < 1 || portNumber > 65535) {
        throw invalid(uri, "invalid port in endpoint '" + text + "' (1-65535)");
      }
    }
    return new Endpoint(host, portNumber);
  }

  private static Map<String, String> parseQuery(URI uri) {
    Map<String, String> query = new LinkedHashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(uri, eq < 0 ? pair : pair.substring(0, eq));
      if (eq < 0) {
        throw invalid(uri, "option '" + name + "' needs a value (" + name + "=...)");
      }
      String value = decode(uri, pair.substring(eq + 1));
      if (!OPTIONS.contains(name)) {
        throw invalid(
            uri, "unknown option '" + name + "'; known: " + String.join(", ", sorted(OPTIONS)));
      }
      if (query.put(name, value) != null) {
        throw invalid(uri, "option '" + name + "' given twice");
      }
    }
    return query;
  }

  private static String decode(URI uri, String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(uri, "bad percent-encoding in the query");
    }
  }

  private static <T> Optional<T> merge(
      URI uri, String what, Optional<T> fromUri, Optional<T> fromConfig) {
    if (fromUri.isPresent() && fromConfig.isPresent() && !fromUri.equals(fromConfig)) {
      throw invalid(uri, what + " given both in the URI and in StoreConfig, differently");
    }
    return fromUri.isPresent() ? fromUri : fromConfig;
  }

  private static void checkReadable(URI uri, String option, Path file) {
    if (!Files.isReadable(file)) {
      throw invalid(uri, option + " file " + file + " does not exist or is not readable");
    }
  }

  static Duration parseDuration(URI uri, String text) {
    Matcher m = SHORT_DURATION.matcher(text);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
          };
    } else {
      try {
        d = Duration.parse(text);
      } catch (RuntimeException e) {
        throw invalid(uri, "invalid timeout '" + text + "' (e.g. 500ms, 5s, 1m or PT5S)");
      }
    }
    if (d.isZero() || d.isNegative()) {
      throw invalid(uri, "timeout must be positive: '" + text + "'");
    }
    return d;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  /** The URI with any password replaced by {@code ***}, for messages and logs. */
  static String redact(URI uri) {
    String s = uri.toString();
    return s.replaceAll("([?&]password=)[^&#]*", "$1***");
  }

  private static InvalidStoreUriException invalid(URI uri, String problem) {
    return new InvalidStoreUriException("invalid etcd store URI '" + redact(uri) + "': " + problem);
  }

  @Override
  public String toString() {
    return "EtcdOptions[endpoints="
        + endpointList()
        + ", prefix="
        + prefix
        + ", user="
        + credentials.map(StoreConfig.Credentials::username).orElse("-")
        + ", tls="
        + tls.isPresent()
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }
}
