package dev.keelson.benchmarks.apiserver;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.ServiceAccount;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.rbac.v1.ClusterRoleBinding;
import dev.keelson.api.rbac.v1.RoleBinding;
import dev.keelson.api.rbac.v1.RoleRef;
import dev.keelson.api.rbac.v1.Subject;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.auth.AuthConfig;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.client.KubeClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The cost of authentication plus RBAC per request, a main (not JMH): two API servers in the same
 * JVM, both TLS on {@code memory:}, one with authentication and authorization off, one with them
 * on; the same GET of one ConfigMap by {@code clients} threads over one HTTP/2 connection, for
 * {@code seconds} each. With auth on the requester is a user bound by a RoleBinding to {@code view}
 * in the namespace (RBAC decides, not the {@code system:masters} bypass), among {@code bindings}
 * RoleBindings and a tenth as many ClusterRoleBindings for other users, presenting a client
 * certificate, a token-file token or a service account JWT.
 *
 * <p>Knobs: {@code -Dclients=16 -Dseconds=10 -Dwarmup=3 -Dbindings=200 -Drounds=3}; odd rounds run
 * the variants in reverse order.
 */
public final class AuthOverhead {
  private AuthOverhead() {}

  private static final String NS = "bench";
  private static final String PATH = "/api/v1/namespaces/" + NS + "/configmaps/cm";

  public static void main(String[] args) throws Exception {
    int clients = Integer.getInteger("clients", 16);
    double seconds = Double.parseDouble(System.getProperty("seconds", "10"));
    double warmup = Double.parseDouble(System.getProperty("warmup", "3"));
    int bindings = Integer.getInteger("bindings", 200);
    int rounds = Integer.getInteger("rounds", 3);
    System.out.printf(
        "GET %s, clients=%d over one HTTP/2 connection, %ss per variant, %d RoleBindings + %d"
            + " ClusterRoleBindings of other users, jvm=%s%n",
        PATH, clients, seconds, bindings, bindings / 10, Runtime.version());
    System.out.println("load before: " + ApiServerThroughput.load());
    Path tokens = Files.createTempFile("tokens", ".csv");
    Files.writeString(tokens, "bench-token-1234567890,bench-user,uid-1,\"bench-group\"\n");
    try (ApiServer off = ApiServer.start(ApiServerConfig.loopback(0).withAuth(AuthConfig.off()));
        ApiServer on =
            ApiServer.start(
                ApiServerConfig.loopback(0).withAuth(AuthConfig.on().withTokenFile(tokens)))) {
      setUp(off, 0);
      String saToken = setUp(on, bindings);
      IssuedCertificate cert =
          on.certificateAuthority()
              .issueClient("bench-user", List.of("bench-group"), Duration.ofDays(1));
      Map<String, Variant> variants = new java.util.LinkedHashMap<>();
      variants.put("auth off", new Variant(off, client(off, null), null));
      variants.put("x509 + RBAC", new Variant(on, client(on, cert), null));
      variants.put(
          "token file + RBAC", new Variant(on, client(on, null), "bench-token-1234567890"));
      variants.put("SA JWT + RBAC", new Variant(on, client(on, null), saToken));
      for (int round = 0; round < rounds; round++) {
        Map<String, Double> rates = new java.util.LinkedHashMap<>();
        List<Map.Entry<String, Variant>> order = new ArrayList<>(variants.entrySet());
        if (round % 2 == 1) {
          java.util.Collections.reverse(order); // drift (JIT, load) hits every variant alike
        }
        for (Map.Entry<String, Variant> e : order) {
          run(e.getValue(), clients, warmup);
          double perSecond = run(e.getValue(), clients, seconds);
          rates.put(e.getKey(), perSecond);
          System.out.printf(
              Locale.ROOT, "round %d %-18s %,8.0f req/s%n", round + 1, e.getKey(), perSecond);
        }
        double base = rates.get("auth off");
        for (String name : variants.keySet()) {
          Map.Entry<String, Double> e = Map.entry(name, rates.get(name));
          System.out.printf(
              Locale.ROOT,
              "round %d %-18s %.2fx of auth off (%+.0f us latency per request)%n",
              round + 1,
              e.getKey(),
              e.getValue() / base,
              (clients / e.getValue() - clients / base) * 1e6);
        }
      }
    }
    System.out.println("load after: " + ApiServerThroughput.load());
    System.exit(0);
  }

  record Variant(ApiServer server, HttpClient client, String token) {}

  /** Creates the namespace, the ConfigMap and (auth on) the bindings; returns an SA token. */
  static String setUp(ApiServer server, int bindings) {
    try (KubeClient c = server.inProcessClient()) {
      c.resources(Namespace.class).create(new Namespace(null, null, meta(NS, null), null, null));
      c.resources(ConfigMap.class)
          .inNamespace(NS)
          .create(new ConfigMap(null, null, meta("cm", NS), null, Map.of("k", "v"), Map.of()));
      if (bindings == 0) {
        return null;
      }
      ServiceAccount sa =
          c.resources(ServiceAccount.class)
              .inNamespace(NS)
              .create(new ServiceAccount(null, null, meta("bench-sa", NS), null, null, null));
      for (int i = 0; i < bindings; i++) {
        String ns = "other-" + (i % 20);
        if (i < 20) {
          c.resources(Namespace.class)
              .create(new Namespace(null, null, meta(ns, null), null, null));
        }
        c.resources(RoleBinding.class)
            .inNamespace(ns)
            .create(binding("rb-" + i, ns, "User", "user-" + i));
      }
      for (int i = 0; i < bindings / 10; i++) {
        c.resources(ClusterRoleBinding.class)
            .create(
                new ClusterRoleBinding(
                    null,
                    null,
                    meta("crb-" + i, null),
                    List.of(
                        new Subject(
                            "User", "rbac.authorization.k8s.io", "cluster-user-" + i, null)),
                    new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "view")));
      }
      c.resources(RoleBinding.class)
          .inNamespace(NS)
          .create(binding("bench-user", NS, "User", "bench-user"));
      RoleBinding saBinding = binding("bench-sa", NS, "ServiceAccount", "bench-sa");
      c.resources(RoleBinding.class).inNamespace(NS).create(saBinding);
      return server
          .serviceAccountTokens()
          .issue(NS, "bench-sa", sa.metadata().uid(), null, null, List.of(), 3600)
          .token();
    }
  }

  private static RoleBinding binding(String name, String ns, String kind, String subject) {
    return new RoleBinding(
        null,
        null,
        meta(name, ns),
        List.of(
            new Subject(
                kind,
                kind.equals("ServiceAccount") ? "" : "rbac.authorization.k8s.io",
                subject,
                kind.equals("ServiceAccount") ? ns : null)),
        new RoleRef("rbac.authorization.k8s.io", "ClusterRole", "view"));
  }

  private static dev.keelson.api.meta.ObjectMeta meta(String name, String ns) {
    return ObjectMetaBuilder.builder().name(name).namespace(ns).build();
  }

  /** Requests per second of {@code clients} threads for {@code seconds}; fails on a non-200. */
  static double run(Variant v, int clients, double seconds) throws Exception {
    URI uri = v.server().url().resolve(PATH);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (v.token() != null) {
      b.header("Authorization", "Bearer " + v.token());
    }
    HttpRequest request = b.build();
    AtomicLong done = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < clients; i++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      while (!stop.get()) {
                        HttpResponse<byte[]> r =
                            v.client().send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) {
                          throw new IllegalStateException("answered " + r.statusCode());
                        }
                        done.incrementAndGet();
                      }
                    } catch (Throwable t) {
                      failures.add(t);
                    }
                  }));
    }
    long start = System.nanoTime();
    Thread.sleep((long) (seconds * 1000));
    long count = done.get();
    long elapsed = System.nanoTime() - start;
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException("request failed: " + failures.get(0), failures.get(0));
    }
    return count / (elapsed / 1e9);
  }

  static HttpClient client(ApiServer server, IssuedCertificate cert) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", server.certificateAuthority().certificate().certificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (cert != null) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("c", cert.privateKey(), new char[0], new Certificate[] {cert.certificate()});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
    }
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_2)
        .sslContext(ssl)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }
}
