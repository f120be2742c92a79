package dev.keelson.apiserver;

import dev.keelson.api.errors.NotFoundException;
import dev.keelson.apiserver.auth.AuthConfig;
import dev.keelson.apiserver.auth.RequestFront;
import dev.keelson.apiserver.auth.authn.AuthenticatorContext;
import dev.keelson.apiserver.auth.authn.Authenticators;
import dev.keelson.apiserver.auth.authn.ObjectLookup;
import dev.keelson.apiserver.auth.authn.ServiceAccountTokens;
import dev.keelson.apiserver.auth.authn.TokenRequests;
import dev.keelson.apiserver.auth.authz.AccessReviews;
import dev.keelson.apiserver.auth.authz.Authorizer;
import dev.keelson.apiserver.auth.authz.Authorizers;
import dev.keelson.apiserver.auth.rbac.RbacAuthorizer;
import dev.keelson.apiserver.auth.rbac.RbacCache;
import dev.keelson.apiserver.discovery.DiscoveryHandler;
import dev.keelson.apiserver.http.HttpServer;
import dev.keelson.apiserver.http.RequestRunner;
import dev.keelson.apiserver.kubelet.KubeletClient;
import dev.keelson.apiserver.metrics.RequestMetrics;
import dev.keelson.apiserver.metrics.StoreMetrics;
import dev.keelson.apiserver.openapi.OpenApiHandler;
import dev.keelson.apiserver.rest.ApiPath;
import dev.keelson.apiserver.rest.ResourceHandler;
import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.client.KubeClient;
import dev.keelson.client.spi.Transport;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import dev.keelson.watch.ResourceKeys;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A Kubernetes-compatible API server.
 *
 * <p>Serves, over HTTP/2 and HTTP/1.1 with TLS: {@code /version}, the health endpoints, discovery,
 * OpenAPI v3 and the resource API (get, list, watch, create, update, patch, delete, with Table
 * output for kubectl get) for the registry's resources and those of the stored
 * CustomResourceDefinitions (see {@link dev.keelson.apiserver.crd.CustomResourceDefinitions}), from
 * the configured store, and the pod subresources that node agents serve (log, exec, attach; see
 * {@code docs/architecture.md}, "The node contract"). Every write goes through the configured
 * admission plugins ({@link ApiServerConfig#admissionPlugins()}, package {@code
 * dev.keelson.apiserver.admission}).
 *
 * <p>The same handlers also answer in-process ({@link #inProcessClient()}), with or without a
 * network listener ({@link ApiServerConfig#withoutListener()}): for controllers in the same JVM and
 * for tests that start one server each.
 */
public final class ApiServer implements AutoCloseable {
  /** The user of the admin credentials: in group {@code system:masters}, as kubeadm does. */
  public static final String ADMIN_USER = "kubernetes-admin";

  /**
   * The user the API server presents to kubelets (kubeadm's {@code apiserver-kubelet-client}
   * certificate: this common name, organization {@code system:masters}).
   */
  public static final String KUBELET_CLIENT_USER = "kube-apiserver-kubelet-client";

  private final ApiServerConfig config;
  private final CertificateAuthority ca;
  private final java.util.function.Supplier<IssuedCertificate> admin;
  private final HttpServer http;
  private final RequestRunner runner;
  private final Store store;
  private final ResourceHandler resources;
  private final KubeletClient kubelet;
  private final RequestMetrics metrics;
  private final dev.keelson.apiserver.crd.CustomResourceDefinitions crds;
  private final RbacCache rbac;
  private final BootstrapObjects bootstrap;
  private final CompletableFuture<Integer> listening = new CompletableFuture<>();
  private ServiceAccountTokens serviceAccountTokens;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiServer.class);

  /** The {@code kubernetes} Service's target port when the server has no listener. */
  private static final int DEFAULT_SECURE_PORT = 6443;

  /** How long a streamed response may wait for a reader that reads nothing. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** How long an in-process request waits for its answer (kube-client's HTTP default: 30 s). */
  private static final Duration IN_PROCESS_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private ApiServer(ApiServerConfig config) {
    this.config = config;
    StoreMetrics storeMetrics =
        new StoreMetrics(
            resource ->
                config
                    .registry()
                    .byGroupResource(dev.keelson.api.GroupResource.of("", resource))
                    .isPresent());
    this.metrics =
        new RequestMetrics(
            storeMetrics,
            path ->
                config
                    .registry()
                    .byGvr(
                        new dev.keelson.api.GroupVersionResource(
                            path.group(), path.version(), path.resource()))
                    .map(t -> t.kind())
                    .orElse(path.resource()));
    // The CA and certificates are made on a second thread while the store, the resources and the
    // system namespaces are set up: key generation and signing are most of a TLS start.
    CompletableFuture<Credentials> credentials;
    if (config.tls()) {
      credentials = Credentials.issueInBackground(config, this::dnsNames, this::addresses);
      this.kubelet =
          new KubeletClient(
              config.kubelet(),
              () -> {
                Credentials c = Credentials.await(credentials);
                return new KubeletClient.Credentials(
                    c.ca().certificate().certificate(), c.kubeletClient().get());
              });
    } else {
      credentials = null;
      this.kubelet = new KubeletClient(config.kubelet(), null, null);
    }
    this.store = storeMetrics.measure(Stores.open(config.storeUri()));
    this.resources =
        new ResourceHandler(
            config.registry(),
            store,
            config.clock(),
            config.serviceRanges().ips(),
            config.serviceRanges().nodePorts(),
            kubelet);
    this.crds =
        new dev.keelson.apiserver.crd.CustomResourceDefinitions(
            config.registry(), store, resources, config.clock());
    resources.setHooks(crds.hooks());
    this.rbac = new RbacCache(store);
    // The system namespaces and the kubernetes Service are written off the caller's thread: the
    // namespaces while the rest of the server starts, the Service once the server listens (it
    // needs the port). Requests wait for them and /readyz fails until then.
    this.bootstrap =
        new BootstrapObjects(
            () -> {
              resources.ensureSystemNamespaces();
              int port = listening.join();
              for (String problem : resources.ensureServices(port)) {
                LOG.warn("service allocation repair: {}", problem);
              }
            });
    Credentials tls;
    try {
      resources.setAdmission(
          dev.keelson.apiserver.admission.AdmissionChain.of(
              config.admissionPlugins(), resources.admissionContext()));
      crds.start();
      bootstrap.start();
      tls = credentials == null ? null : Credentials.await(credentials);
    } catch (RuntimeException e) {
      stopBootstrap(e);
      crds.close();
      rbac.close();
      store.close();
      kubelet.close();
      throw e;
    }
    this.ca = tls == null ? null : tls.ca();
    this.runner =
        new RequestRunner(
            metrics.measure(front(config, bootstrap.gate(routes(config)))),
            config.maxInFlight(),
            config.maxBodyBytes(),
            WRITE_TIMEOUT);
    if (!config.listens()) {
      // No listener: no serving certificate and no admin credentials (nothing to serve them on).
      this.admin = null;
      this.http = null;
    } else if (tls != null) {
      this.admin = tls.admin();
      this.http =
          startHttp(
              config.http(
                  tls.serving(),
                  config.authEnabled() ? List.of(ca.certificate().certificate()) : List.of()));
    } else {
      this.admin = null;
      this.http = startHttp(config.http(null, List.of()));
    }
    listening.complete(http != null ? http.port() : DEFAULT_SECURE_PORT);
  }

  /** Ends the bootstrap writes of a start that failed with {@code cause}. */
  private void stopBootstrap(RuntimeException cause) {
    listening.completeExceptionally(cause);
    bootstrap.close();
  }

  private HttpServer startHttp(dev.keelson.apiserver.http.HttpServerConfig http) {
    try {
      return HttpServer.start(http, runner);
    } catch (RuntimeException e) {
      stopBootstrap(e);
      runner.close();
      crds.close();
      rbac.close(); // else its watches, ended by the store's close, relist it every second
      resources.close();
      store.close();
      kubelet.close();
      throw e;
    }
  }

  /**
   * Creates the default ClusterRoles and ClusterRoleBindings that are missing (kube-apiserver's
   * RBAC bootstrap). Written to the store directly, as a create would store them (uid, creation
   * time): they are fixed, valid objects, and no request limit of the server applies to them.
   */
  private void bootstrapRbac() {
    List<dev.keelson.api.KubernetesObject> objects = new ArrayList<>();
    objects.addAll(dev.keelson.apiserver.auth.rbac.BootstrapPolicy.clusterRoles());
    objects.addAll(dev.keelson.apiserver.auth.rbac.BootstrapPolicy.clusterRoleBindings());
    for (dev.keelson.api.KubernetesObject o : objects) {
      String plural = o.kind().equals("ClusterRole") ? "clusterroles" : "clusterrolebindings";
      com.fasterxml.jackson.databind.node.ObjectNode tree =
          (com.fasterxml.jackson.databind.node.ObjectNode) dev.keelson.api.json.KubeJson.toTree(o);
      com.fasterxml.jackson.databind.node.ObjectNode meta =
          (com.fasterxml.jackson.databind.node.ObjectNode) tree.get("metadata");
      meta.put("uid", java.util.UUID.randomUUID().toString());
      meta.put("creationTimestamp", dev.keelson.api.json.Times.format(config.clock().instant()));
      byte[] key =
          ResourceKeys.clusterScoped("rbac.authorization.k8s.io", plural)
              .key(null, o.metadata().name())
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try {
        store.create(key, dev.keelson.api.json.KubeJson.encode(tree));
      } catch (dev.keelson.store.KeyExistsException e) {
        // kept as the cluster has it
      }
    }
  }

  /** Authentication and authorization in front of the routes (see {@link RequestFront}). */
  private dev.keelson.apiserver.http.HttpHandler front(
      ApiServerConfig config, dev.keelson.apiserver.http.HttpHandler routes) {
    AuthConfig auth = config.auth();
    ServiceAccountTokens tokens =
        new ServiceAccountTokens(
            auth.serviceAccountKey(),
            auth.serviceAccountIssuer(),
            auth.apiAudiences(),
            config.clock());
    ObjectLookup lookup =
        (resource, namespace, name) ->
            store
                .get(
                    ResourceKeys.namespaced("", resource)
                        .key(namespace, name)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .map(kv -> dev.keelson.api.json.KubeJson.parse(kv.value()));
    tokens.setLookup(lookup);
    this.serviceAccountTokens = tokens;
    if (config.authEnabled()) {
      bootstrapRbac(); // before the cache's first list, which then has them at once
    }
    rbac.start();
    RbacAuthorizer rbacAuthorizer = new RbacAuthorizer(rbac);
    Authorizers authorizer = new Authorizers(List.of(rbacAuthorizer));
    Authenticators authenticators =
        config.authEnabled()
            ? Authenticators.load(
                new AuthenticatorContext(
                    auth, ca == null ? null : ca.certificate().certificate(), tokens))
            : new Authenticators(List.of());
    return new RequestFront(
        config.authEnabled(),
        authenticators,
        authorizer,
        new AccessReviews(
            config.authEnabled() ? authorizer : Authorizer.ALWAYS_ALLOW,
            config.authEnabled() ? rbacAuthorizer::rulesFor : null),
        new TokenRequests(tokens, lookup),
        config.clock(),
        routes);
  }

  private Routes routes(ApiServerConfig config) {
    return new Routes(
        new DiscoveryHandler(
            config.registry(), this::advertisedAddress, config.aggregatedDiscovery()),
        new OpenApiHandler(
            config.registry(),
            config.customResourceSchemas()
                    == dev.keelson.apiserver.openapi.CustomResourceSchemas.NONE
                ? crds.schemas()
                : config.customResourceSchemas()),
        exchange -> {
          ApiPath path = ApiPath.parse(exchange.request().path());
          if (path == null) {
            throw NotFoundException.of("the server could not find the requested resource");
          }
          resources.handle(exchange, path);
        },
        metrics);
  }

  /** {@code host:port} for {@code /api}'s server address; empty until the server listens. */
  private String advertisedAddress() {
    HttpServer h = http;
    return h == null ? "" : url().getAuthority();
  }

  /** The resources this server serves (discovery and OpenAPI follow its changes). */
  public dev.keelson.api.registry.ResourceRegistry registry() {
    return config.registry();
  }

  /**
   * Starts a server; returns once it is listening. The system namespaces and the {@code kubernetes}
   * Service are written on another thread (the Service once the server listens): requests wait for
   * them, and {@code /readyz} answers 200 once they are there.
   */
  public static ApiServer start(ApiServerConfig config) {
    return new ApiServer(config);
  }

  /**
   * A transport that calls this server's handlers directly, in this JVM (no socket, no TLS), for
   * kube-client's {@link KubeClient#over}: the same routing, limits, admission, validation and
   * error answers as over HTTP. Works with or without a network listener. Closing it ends its
   * watches; closing the server ends every in-process request.
   */
  public Transport inProcessTransport() {
    return new InProcessTransport(runner, IN_PROCESS_REQUEST_TIMEOUT);
  }

  /**
   * A client of this server over {@link #inProcessTransport()}, knowing this server's {@link
   * #registry()}, with namespace {@code default}. Close it when done (the server does not).
   */
  public KubeClient inProcessClient() {
    return KubeClient.over(inProcessTransport(), registry(), "default");
  }

  /** Whether the server has a network listener ({@link ApiServerConfig#listens()}). */
  public boolean listens() {
    return http != null;
  }

  /**
   * The URL clients use, for example {@code https://127.0.0.1:6443}.
   *
   * @throws IllegalStateException if the server has no network listener
   */
  public URI url() {
    requireListener();
    String host = config.bindAddress().getHostAddress();
    if (config.bindAddress().isAnyLocalAddress()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((config.tls() ? "https" : "http") + "://" + host + ":" + http.port());
  }

  /**
   * The bound port.
   *
   * @throws IllegalStateException if the server has no network listener
   */
  public int port() {
    requireListener();
    return http.port();
  }

  private void requireListener() {
    if (http == null) {
      throw new IllegalStateException(
          "the server has no network listener (port -1): use inProcessClient()");
    }
  }

  /**
   * The CA clients must trust, or {@code null} without TLS. A server without a network listener
   * generates none: it returns the configured CA, if any.
   */
  public CertificateAuthority certificateAuthority() {
    return ca;
  }

  /**
   * A kubeconfig for a user of this cluster: a client certificate from the cluster CA with {@code
   * user} as common name and {@code groups} as organizations, valid for a day. For tests and
   * samples; RBAC decides what the user may do.
   *
   * @throws IllegalStateException if the server has no network listener or no TLS
   */
  public Kubeconfig userKubeconfig(String name, String user, List<String> groups) {
    requireListener();
    if (ca == null) {
      throw new IllegalStateException("a plain-HTTP server has no CA to issue client certificates");
    }
    return new Kubeconfig(
        name,
        url(),
        ca.certificate().certificate(),
        ca.issueClient(user, groups, Duration.ofDays(1)),
        null);
  }

  /**
   * A kubeconfig that authenticates with a bearer token (from a token file, or a service account
   * token).
   *
   * @throws IllegalStateException if the server has no network listener
   */
  public Kubeconfig tokenKubeconfig(String name, String token) {
    requireListener();
    return new Kubeconfig(
        name, url(), ca == null ? null : ca.certificate().certificate(), null, token);
  }

  /** The issuer and verifier of this server's service account tokens. */
  public ServiceAccountTokens serviceAccountTokens() {
    return serviceAccountTokens;
  }

  /**
   * A kubeconfig for the cluster administrator.
   *
   * @throws IllegalStateException if the server has no network listener
   */
  public Kubeconfig adminKubeconfig(String name) {
    requireListener();
    return new Kubeconfig(
        name,
        url(),
        ca == null ? null : ca.certificate().certificate(),
        admin == null ? null : admin.get(),
        null);
  }

  @Override
  public void close() {
    bootstrap.close();
    if (http != null) {
      http.close(); // shuts the runner down too
    }
    runner.close();
    crds.close();
    rbac.close();
    kubelet.close();
    resources.close();
    store.close();
  }

  private List<String> dnsNames() {
    Set<String> names =
        new LinkedHashSet<>(List.of("localhost", "kubernetes", "kubernetes.default"));
    for (String n : config.extraServerNames()) {
      if (!looksLikeAddress(n)) {
        names.add(n);
      }
    }
    return new ArrayList<>(names);
  }

  private List<InetAddress> addresses() {
    Set<InetAddress> out = new LinkedHashSet<>();
    try {
      out.add(InetAddress.getByName("127.0.0.1"));
      out.add(InetAddress.getByName("::1"));
      if (!config.bindAddress().isAnyLocalAddress()) {
        out.add(config.bindAddress());
      }
      for (String n : config.extraServerNames()) {
        if (looksLikeAddress(n)) {
          out.add(InetAddress.getByName(n));
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address: " + e.getMessage(), e);
    }
    return new ArrayList<>(out);
  }

  private static boolean looksLikeAddress(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }
}
