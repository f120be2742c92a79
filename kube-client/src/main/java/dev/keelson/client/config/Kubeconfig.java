package dev.keelson.client.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import dev.keelson.client.ClientConfig;
import dev.keelson.client.Credentials;
import dev.keelson.client.internal.Pem;
import dev.keelson.client.internal.Tls;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A kubeconfig: named clusters, users and contexts, and the current context, as kubectl reads them.
 *
 * <p>Loading several files ({@code KUBECONFIG=a:b}) merges them as kubectl does: for every named
 * cluster, user and context, and for {@code current-context}, the first file that sets it wins.
 * Relative paths ({@code certificate-authority}, {@code client-certificate}, {@code client-key},
 * {@code tokenFile}) are resolved against the directory of the file that holds them.
 *
 * <p>Not supported: {@code exec} and {@code auth-provider} credential plugins, encrypted private
 * keys, {@code proxy-url}; a context whose user needs one fails with a clear error.
 *
 * @param clusters by name, in file order
 * @param users by name
 * @param contexts by name
 * @param currentContext the current context, or {@code null}
 */
public record Kubeconfig(
    Map<String, KubeconfigCluster> clusters,
    Map<String, KubeconfigUser> users,
    Map<String, KubeconfigContext> contexts,
    String currentContext) {

  public Kubeconfig {
    clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
    users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    contexts = Collections.unmodifiableMap(new LinkedHashMap<>(contexts));
  }

  /** Loads one file. */
  public static Kubeconfig load(Path file) {
    return load(List.of(file));
  }

  /** Loads files and merges them, the first file winning per name. Missing files are errors. */
  public static Kubeconfig load(List<Path> files) {
    if (files.isEmpty()) {
      throw new KubeconfigException("no kubeconfig files given");
    }
    Kubeconfig merged = null;
    for (Path f : files) {
      Kubeconfig k = parse(read(f), f);
      merged = merged == null ? k : merged.mergedWith(k);
    }
    return merged;
  }

  /**
   * Loads the kubeconfig kubectl would: the files listed in {@code KUBECONFIG} (separated by the
   * platform's path separator; files that do not exist are skipped, as kubectl does), else {@code
   * ~/.kube/config}.
   */
  public static Kubeconfig loadDefault() {
    return loadDefault(System.getenv("KUBECONFIG"), Path.of(System.getProperty("user.home")));
  }

  /** {@link #loadDefault()} for a given {@code KUBECONFIG} value and home directory. */
  public static Kubeconfig loadDefault(String kubeconfigEnv, Path home) {
    if (kubeconfigEnv != null && !kubeconfigEnv.isBlank()) {
      List<Path> files = new ArrayList<>();
      for (String p : kubeconfigEnv.split(java.io.File.pathSeparator)) {
        if (!p.isBlank() && Files.exists(Path.of(p))) {
          files.add(Path.of(p));
        }
      }
      if (files.isEmpty()) {
        throw new KubeconfigException("none of the KUBECONFIG files exists: " + kubeconfigEnv);
      }
      return load(files);
    }
    return load(home.resolve(".kube").resolve("config"));
  }

  /**
   * Parses a kubeconfig's YAML (or JSON).
   *
   * @param file the file it came from: relative paths resolve against its directory, and errors
   *     name it
   */
  public static Kubeconfig parse(String yaml, Path file) {
    String src = file.toString();
    if (yaml.isBlank()) {
      return new Kubeconfig(Map.of(), Map.of(), Map.of(), null); // kubectl accepts empty files
    }
    JsonNode root;
    try {
      root = KubeJson.parseYaml(yaml);
    } catch (RuntimeException e) {
      throw new KubeconfigException("kubeconfig " + src + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root.isNull() || root.isMissingNode()) {
      root = KubeJson.mapper().createObjectNode();
    }
    if (!root.isObject()) {
      throw new KubeconfigException("kubeconfig " + src + ": expected a mapping at the top level");
    }
    Path dir = file.toAbsolutePath().getParent();
    Reader r = new Reader(src, dir);
    Map<String, KubeconfigCluster> clusters =
        r.named(root, "clusters", "cluster", (f) -> r.cluster(f));
    Map<String, KubeconfigUser> users = r.named(root, "users", "user", (f) -> r.user(f));
    Map<String, KubeconfigContext> contexts =
        r.named(root, "contexts", "context", (f) -> r.context(f));
    String current = r.string(root, "current-context", "current-context");
    return new Kubeconfig(
        clusters, users, contexts, current == null || current.isEmpty() ? null : current);
  }

  /** This kubeconfig merged with a later one: entries and current-context here win. */
  public Kubeconfig mergedWith(Kubeconfig later) {
    Map<String, KubeconfigCluster> c = new LinkedHashMap<>(clusters);
    later.clusters.forEach(c::putIfAbsent);
    Map<String, KubeconfigUser> u = new LinkedHashMap<>(users);
    later.users.forEach(u::putIfAbsent);
    Map<String, KubeconfigContext> x = new LinkedHashMap<>(contexts);
    later.contexts.forEach(x::putIfAbsent);
    return new Kubeconfig(c, u, x, currentContext != null ? currentContext : later.currentContext);
  }

  /** The client configuration of the current context. */
  public ClientConfig clientConfig() {
    if (currentContext == null) {
      throw new KubeconfigException("kubeconfig: current-context is not set");
    }
    return clientConfig(currentContext);
  }

  /** The client configuration of a context. */
  public ClientConfig clientConfig(String contextName) {
    KubeconfigContext ctx = contexts.get(contextName);
    if (ctx == null) {
      throw new KubeconfigException("kubeconfig: context \"" + contextName + "\" not found");
    }
    String where = "kubeconfig " + ctx.source() + ": context \"" + contextName + "\"";
    if (ctx.cluster() == null || ctx.cluster().isEmpty()) {
      throw new KubeconfigException(where + ": cluster is not set");
    }
    KubeconfigCluster cluster = clusters.get(ctx.cluster());
    if (cluster == null) {
      throw new KubeconfigException(where + ": cluster \"" + ctx.cluster() + "\" not found");
    }
    KubeconfigUser user = null;
    if (ctx.user() != null && !ctx.user().isEmpty()) {
      user = users.get(ctx.user());
      if (user == null) {
        throw new KubeconfigException(where + ": user \"" + ctx.user() + "\" not found");
      }
    }
    String cw = "kubeconfig " + cluster.source() + ": clusters[\"" + ctx.cluster() + "\"]";
    if (cluster.server() == null || cluster.server().isEmpty()) {
      throw new KubeconfigException(cw + ".server: is required");
    }
    URI server;
    try {
      server = new URI(cluster.server());
    } catch (URISyntaxException e) {
      throw new KubeconfigException(cw + ".server: not a URL: " + cluster.server(), e);
    }
    if (!"https".equals(server.getScheme()) && !"http".equals(server.getScheme())) {
      throw new KubeconfigException(
          cw + ".server: must be an http:// or https:// URL: " + cluster.server());
    }
    String uw =
        user == null ? null : "kubeconfig " + user.source() + ": users[\"" + ctx.user() + "\"]";
    if (user != null && user.execOrAuthProvider() != null) {
      throw new KubeconfigException(
          uw + "." + user.execOrAuthProvider() + ": credential plugins are not supported");
    }
    SSLContext ssl = null;
    if (server.getScheme().equals("https")) {
      ssl = sslContext(cluster, cw, user, uw);
    }
    Credentials credentials = Credentials.none();
    if (user != null) {
      if (user.token() != null && !user.token().isEmpty()) {
        credentials = Credentials.bearer(user.token());
      } else if (user.tokenFile() != null && !user.tokenFile().isEmpty()) {
        credentials = Credentials.tokenFile(Path.of(user.tokenFile()));
      } else if (user.username() != null && !user.username().isEmpty()) {
        credentials =
            Credentials.basic(user.username(), user.password() == null ? "" : user.password());
      }
    }
    return ClientConfig.builder(server)
        .sslContext(ssl)
        .credentials(credentials)
        .namespace(ctx.namespace())
        .build();
  }

  private static SSLContext sslContext(
      KubeconfigCluster cluster, String cw, KubeconfigUser user, String uw) {
    List<X509Certificate> cas = null;
    byte[] caPem =
        bytes(
            cluster.certificateAuthorityData(),
            cluster.certificateAuthority(),
            cw,
            "certificate-authority");
    if (caPem != null) {
      cas = parse(caPem, cw + ".certificate-authority", Pem::certificates);
    }
    List<X509Certificate> chain = null;
    PrivateKey key = null;
    if (user != null) {
      byte[] certPem =
          bytes(user.clientCertificateData(), user.clientCertificate(), uw, "client-certificate");
      byte[] keyPem = bytes(user.clientKeyData(), user.clientKey(), uw, "client-key");
      if ((certPem == null) != (keyPem == null)) {
        throw new KubeconfigException(
            uw
                + (certPem == null ? ".client-certificate" : ".client-key")
                + ": is required with "
                + (certPem == null ? "client-key" : "client-certificate"));
      }
      if (certPem != null) {
        chain = parse(certPem, uw + ".client-certificate", Pem::certificates);
        key = parse(keyPem, uw + ".client-key", Pem::privateKey);
      }
    }
    try {
      return Tls.context(cas, chain, key, cluster.insecureSkipTlsVerify(), cluster.tlsServerName());
    } catch (GeneralSecurityException e) {
      throw new KubeconfigException(cw + ": cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static <T> T parse(byte[] pem, String field, Function<byte[], T> f) {
    try {
      return f.apply(pem);
    } catch (IllegalArgumentException e) {
      throw new KubeconfigException(field + ": " + e.getMessage(), e);
    }
  }

  /** The bytes of a {@code -data} field (base64) or else of the file it names. */
  private static byte[] bytes(String data, String file, String where, String field) {
    if (data != null && !data.isEmpty()) {
      try {
        return Base64.getMimeDecoder().decode(data);
      } catch (IllegalArgumentException e) {
        throw new KubeconfigException(where + "." + field + "-data: not valid base64", e);
      }
    }
    if (file != null && !file.isEmpty()) {
      try {
        return Files.readAllBytes(Path.of(file));
      } catch (IOException e) {
        throw new KubeconfigException(where + "." + field + ": cannot read " + file + ": " + e, e);
      }
    }
    return null;
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KubeconfigException("kubeconfig " + f + ": cannot read: " + e, e);
    }
  }

  /** Reads the fields of one file, naming them in errors. */
  private record Reader(String src, Path dir) {
    interface EntryReader<T> {
      T read(Field f);
    }

    /** A field's node and its path for messages. */
    record Field(JsonNode node, String path) {}

    <T> Map<String, T> named(JsonNode root, String list, String inner, EntryReader<T> reader) {
      JsonNode items = root.get(list);
      Map<String, T> out = new LinkedHashMap<>();
      if (items == null || items.isNull()) {
        return out;
      }
      if (!items.isArray()) {
        throw error(list, "expected a list");
      }
      for (int i = 0; i < items.size(); i++) {
        JsonNode item = items.get(i);
        String at = list + "[" + i + "]";
        if (!item.isObject()) {
          throw error(at, "expected a mapping");
        }
        String name = string(item, "name", at + ".name");
        if (name == null || name.isEmpty()) {
          throw error(at + ".name", "is required");
        }
        JsonNode body = item.get(inner);
        if (body == null || body.isNull()) {
          body = KubeJson.mapper().createObjectNode();
        }
        if (!body.isObject()) {
          throw error(at + "." + inner, "expected a mapping");
        }
        out.putIfAbsent(name, reader.read(new Field(body, at + "." + inner)));
      }
      return out;
    }

    KubeconfigCluster cluster(Field f) {
      return new KubeconfigCluster(
          string(f.node(), "server", f.path() + ".server"),
          path(string(f.node(), "certificate-authority", f.path() + ".certificate-authority")),
          string(f.node(), "certificate-authority-data", f.path() + ".certificate-authority-data"),
          bool(f.node(), "insecure-skip-tls-verify", f.path() + ".insecure-skip-tls-verify"),
          string(f.node(), "tls-server-name", f.path() + ".tls-server-name"),
          src);
    }

    KubeconfigUser user(Field f) {
      JsonNode n = f.node();
      String p = f.path();
      String plugin =
          n.hasNonNull("exec") ? "exec" : n.hasNonNull("auth-provider") ? "auth-provider" : null;
      return new KubeconfigUser(
          path(string(n, "client-certificate", p + ".client-certificate")),
          string(n, "client-certificate-data", p + ".client-certificate-data"),
          path(string(n, "client-key", p + ".client-key")),
          string(n, "client-key-data", p + ".client-key-data"),
          string(n, "token", p + ".token"),
          path(string(n, "tokenFile", p + ".tokenFile")),
          string(n, "username", p + ".username"),
          string(n, "password", p + ".password"),
          plugin,
          src);
    }

    KubeconfigContext context(Field f) {
      return new KubeconfigContext(
          string(f.node(), "cluster", f.path() + ".cluster"),
          string(f.node(), "user", f.path() + ".user"),
          string(f.node(), "namespace", f.path() + ".namespace"),
          src);
    }

    String path(String p) {
      if (p == null || p.isEmpty()) {
        return p;
      }
      Path path = Path.of(p);
      return (path.isAbsolute() || dir == null ? path : dir.resolve(path)).normalize().toString();
    }

    String string(JsonNode node, String field, String at) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isTextual()) {
        throw error(at, "expected a string, got " + v.getNodeType().toString().toLowerCase());
      }
      return v.asText();
    }

    boolean bool(JsonNode node, String field, String at) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return false;
      }
      if (!v.isBoolean()) {
        throw error(at, "expected true or false, got " + v);
      }
      return v.asBoolean();
    }

    KubeconfigException error(String at, String message) {
      return new KubeconfigException("kubeconfig " + src + ": " + at + ": " + message);
    }
  }
}
