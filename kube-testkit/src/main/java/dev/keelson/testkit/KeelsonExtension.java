package dev.keelson.testkit;

import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.client.KubeClient;
import dev.keelson.controller.time.FakeClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts a Keelson API server (memory store, plain HTTP on loopback) for a test class, or for each
 * test, and hands tests a {@link KubeClient}, the {@link ApiServer} and a {@link FakeClock}.
 *
 * <p>Use {@link KeelsonTest @KeelsonTest} on the class, or register it:
 *
 * <pre>{@code
 * @RegisterExtension static final KeelsonExtension keelson = KeelsonExtension.perClass();
 * ...
 * keelson.client().resources(Pod.class).inNamespace("default").list(ListOptions.none());
 * }</pre>
 *
 * <p>Resolvable parameters: {@link KubeClient} (shared by the tests of a server, namespace {@code
 * default}), {@link ApiServer}, {@link FakeClock} (fresh per test; it drives controller-runtime
 * time, not the server's), and this extension. The server and its clients close after the class (or
 * test).
 *
 * <p>The server runs kube-apiserver's default admission plugins except {@code ServiceAccount} (see
 * {@link #defaultConfig()}): no kube-controller-manager runs beside it, so no namespace gets its
 * {@code default} ServiceAccount, and pods would be refused. A test of service accounts turns it
 * back on with {@code withServerConfig(c -> c.withAdmissionPlugins(AdmissionPlugins.DEFAULTS))} and
 * creates the ServiceAccount (or runs the serviceaccount controller).
 */
public final class KeelsonExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Boolean perTest; // null: from @KeelsonTest
  private final UnaryOperator<ApiServerConfig> configure;
  private final List<KubeClient> extraClients = new ArrayList<>();
  private volatile ApiServer server;
  private volatile KubeClient client;
  private volatile FakeClock clock;
  private volatile boolean serverPerTest;
  private int depth; // nested test classes share the outer class's server

  /** For {@code @ExtendWith} / {@link KeelsonTest}: the lifecycle comes from the annotation. */
  public KeelsonExtension() {
    this(null, UnaryOperator.identity());
  }

  private KeelsonExtension(Boolean perTest, UnaryOperator<ApiServerConfig> configure) {
    this.perTest = perTest;
    this.configure = configure;
  }

  /** One server for all tests of the class (register it in a static field). */
  public static KeelsonExtension perClass() {
    return new KeelsonExtension(false, UnaryOperator.identity());
  }

  /** A fresh server for every test. */
  public static KeelsonExtension perTest() {
    return new KeelsonExtension(true, UnaryOperator.identity());
  }

  /** This extension with a changed server configuration (registry, store, limits). */
  public KeelsonExtension withServerConfig(UnaryOperator<ApiServerConfig> change) {
    return new KeelsonExtension(perTest, s -> change.apply(configure.apply(s)));
  }

  /**
   * The configuration the extension starts from (before {@link #withServerConfig} changes): plain
   * HTTP on loopback, memory store, the default admission plugins but {@code ServiceAccount}.
   */
  public static ApiServerConfig defaultConfig() {
    return ApiServerConfig.loopback(0)
        .plain()
        .withoutAdmissionPlugins(dev.keelson.apiserver.admission.AdmissionPlugins.SERVICE_ACCOUNT);
  }

  /** The running server. */
  public ApiServer server() {
    return require(server, "server");
  }

  /** The client of the running server (namespace {@code default}). */
  public KubeClient client() {
    return require(client, "client");
  }

  /** The fake clock of the current test. */
  public FakeClock clock() {
    return require(clock, "clock");
  }

  /** Another client of the running server (closed with the server), for example per user. */
  public synchronized KubeClient newClient() {
    KubeClient c = connect(server());
    extraClients.add(c);
    return c;
  }

  /**
   * How tests reach the server. The one place that picks the transport: in-process (the server's
   * handlers called directly, no socket). The server still listens on loopback (plain HTTP) for
   * tests that want a network client or kubectl: {@code server.url()}.
   */
  static KubeClient connect(ApiServer server) {
    return server.inProcessClient();
  }

  private static <T> T require(T value, String what) {
    if (value == null) {
      throw new IllegalStateException("no " + what + ": the Keelson extension is not running");
    }
    return value;
  }

  private boolean perTest(ExtensionContext context) {
    if (perTest != null) {
      return perTest;
    }
    Optional<KeelsonTest> a =
        context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, KeelsonTest.class));
    return a.map(KeelsonTest::perTest).orElse(false);
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    clock = new FakeClock();
    if (depth++ == 0 && !perTest(context)) {
      start(false);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    clock = new FakeClock();
    if (server == null) {
      // Per test, or registered on an instance field (no beforeAll for it).
      start(true);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (serverPerTest) {
      stop();
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (--depth == 0) {
      stop();
      clock = null;
    }
  }

  private synchronized void start(boolean forTest) {
    ApiServer s = ApiServer.start(configure.apply(defaultConfig()));
    try {
      client = connect(s);
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    server = s;
    serverPerTest = forTest;
  }

  private synchronized void stop() {
    for (KubeClient c : extraClients) {
      c.close();
    }
    extraClients.clear();
    if (client != null) {
      client.close();
      client = null;
    }
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> t = parameter.getParameter().getType();
    return t == KubeClient.class
        || t == ApiServer.class
        || t == FakeClock.class
        || t == KeelsonExtension.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> t = parameter.getParameter().getType();
    try {
      if (t == KubeClient.class) {
        return client();
      }
      if (t == ApiServer.class) {
        return server();
      }
      if (t == FakeClock.class) {
        return clock();
      }
      return this;
    } catch (IllegalStateException e) {
      throw new ParameterResolutionException(
          e.getMessage() + " (a per-test server is not available in @BeforeAll)", e);
    }
  }
}
