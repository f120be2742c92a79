package dev.keelson.controllers;

import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.manager.Component;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.cronjob.CronJobController;
import dev.keelson.controllers.daemonset.DaemonSetController;
import dev.keelson.controllers.deployment.DeploymentController;
import dev.keelson.controllers.disruption.DisruptionController;
import dev.keelson.controllers.endpoints.EndpointsController;
import dev.keelson.controllers.endpointslice.EndpointSliceController;
import dev.keelson.controllers.gc.GarbageCollector;
import dev.keelson.controllers.job.JobController;
import dev.keelson.controllers.namespace.NamespaceController;
import dev.keelson.controllers.nodeipam.NodeIpamController;
import dev.keelson.controllers.nodelifecycle.NodeLifecycleController;
import dev.keelson.controllers.nodelifecycle.TaintEvictionController;
import dev.keelson.controllers.replicaset.ReplicaSetController;
import dev.keelson.controllers.resourcequota.ResourceQuotaController;
import dev.keelson.controllers.rootca.RootCaPublisher;
import dev.keelson.controllers.serviceaccount.ServiceAccountController;
import dev.keelson.controllers.statefulset.StatefulSetController;
import dev.keelson.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * kube-controller-manager and kube-scheduler as {@link Manager} components: every built-in
 * controller (or a chosen subset, as kube-controller-manager's {@code --controllers}) sharing the
 * manager's informers, each started only while the manager leads.
 *
 * <pre>{@code
 * Manager manager = Manager.builder(client).leaderElection("kube-system", "kube-controller-manager").build();
 * BuiltinControllers.addAll(manager);
 * manager.add(BuiltinControllers.scheduler(manager));
 * manager.start();
 * }</pre>
 */
public final class BuiltinControllers {
  private BuiltinControllers() {}

  /**
   * Makes one controller from the manager's client, informers and clock, and the cluster CA (PEM,
   * or {@code null} if none was given).
   */
  @FunctionalInterface
  interface Factory {
    Running create(KubeClient client, InformerFactory informers, Clock clock, String rootCaPem);
  }

  /** A created controller: how to start it and how to stop it. */
  record Running(Runnable start, AutoCloseable stop) {}

  /** A controller's name (as kube-controller-manager's {@code --controllers}) and factory. */
  record Entry(String name, Factory factory) {}

  /** A controller's constructor, as every built-in controller has it. */
  @FunctionalInterface
  interface Constructor<T> {
    T create(KubeClient client, InformerFactory informers, Clock clock);
  }

  /** The entry of a controller made by {@code constructor} and started by {@code start}. */
  private static <T extends AutoCloseable> Entry entry(
      String name, Constructor<T> constructor, Consumer<T> start) {
    return new Entry(
        name,
        (client, informers, clock, rootCaPem) -> {
          T controller = constructor.create(client, informers, clock);
          return new Running(() -> start.accept(controller), controller);
        });
  }

  /**
   * The root CA publisher's entry: without a CA it publishes nothing (logged), as it has nothing to
   * publish.
   */
  private static Entry rootCaPublisher() {
    return new Entry(
        ROOT_CA_PUBLISHER,
        (client, informers, clock, rootCaPem) -> {
          if (rootCaPem == null || rootCaPem.isBlank()) {
            LOG.warn(
                "{}: no cluster CA configured (BuiltinControllers.addAll(manager, caPem)); not"
                    + " publishing kube-root-ca.crt",
                ROOT_CA_PUBLISHER);
            return new Running(() -> {}, () -> {});
          }
          RootCaPublisher p = new RootCaPublisher(client, informers, clock, rootCaPem);
          return new Running(p::start, p);
        });
  }

  /** kube-controller-manager's name of the root CA publisher. */
  public static final String ROOT_CA_PUBLISHER = "root-ca-certificate-publisher-controller";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(BuiltinControllers.class);

  /** Every built-in controller, in kube-controller-manager's naming. */
  static final List<Entry> ALL =
      List.of(
          entry("namespace-controller", NamespaceController::new, NamespaceController::start),
          entry("garbage-collector-controller", GarbageCollector::new, GarbageCollector::start),
          entry("replicaset-controller", ReplicaSetController::new, ReplicaSetController::start),
          entry("deployment-controller", DeploymentController::new, DeploymentController::start),
          entry("statefulset-controller", StatefulSetController::new, StatefulSetController::start),
          entry("daemonset-controller", DaemonSetController::new, DaemonSetController::start),
          entry("job-controller", JobController::new, JobController::start),
          entry("cronjob-controller", CronJobController::new, CronJobController::start),
          entry("endpoints-controller", EndpointsController::new, EndpointsController::start),
          entry(
              "endpointslice-controller",
              EndpointSliceController::new,
              EndpointSliceController::start),
          entry(
              "node-lifecycle-controller",
              NodeLifecycleController::new,
              NodeLifecycleController::start),
          entry(
              "taint-eviction-controller",
              TaintEvictionController::new,
              TaintEvictionController::start),
          entry("node-ipam-controller", NodeIpamController::new, NodeIpamController::start),
          entry(
              "serviceaccount-controller",
              ServiceAccountController::new,
              ServiceAccountController::start),
          rootCaPublisher(),
          entry(
              "resourcequota-controller",
              ResourceQuotaController::new,
              ResourceQuotaController::start),
          entry("disruption-controller", DisruptionController::new, DisruptionController::start));

  /** The names of the built-in controllers. */
  public static List<String> names() {
    return ALL.stream().map(Entry::name).toList();
  }

  /**
   * Adds every built-in controller to {@code manager}; the root CA publisher has no CA to publish
   * (see {@link #addAll(Manager, String)}).
   */
  public static void addAll(Manager manager) {
    add(manager, Set.copyOf(names()));
  }

  /**
   * Adds every built-in controller to {@code manager}; the root CA publisher publishes {@code
   * rootCaPem} (kube-controller-manager's {@code --root-ca-file}), the cluster CA in PEM.
   */
  public static void addAll(Manager manager, String rootCaPem) {
    add(manager, Set.copyOf(names()), rootCaPem);
  }

  /**
   * Adds the named built-in controllers to {@code manager}.
   *
   * @throws IllegalArgumentException for a name that is not a built-in controller's
   */
  public static void add(Manager manager, Set<String> names) {
    add(manager, names, null);
  }

  /**
   * Adds the named built-in controllers to {@code manager}, the root CA publisher publishing {@code
   * rootCaPem}.
   *
   * @throws IllegalArgumentException for a name that is not a built-in controller's
   */
  public static void add(Manager manager, Set<String> names, String rootCaPem) {
    List<String> unknown = new ArrayList<>(names);
    unknown.removeAll(names());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown controllers " + unknown + "; the built-in ones are " + names());
    }
    for (Entry e : ALL) {
      if (names.contains(e.name())) {
        manager.add(component(manager, e.name(), e.factory(), rootCaPem));
      }
    }
  }

  /** The scheduler as a component of {@code manager}. */
  public static Component scheduler(Manager manager) {
    Entry scheduler = entry("scheduler", Scheduler::new, Scheduler::start);
    return component(manager, scheduler.name(), scheduler.factory(), null);
  }

  private static Component component(
      Manager manager, String name, Factory factory, String rootCaPem) {
    Objects.requireNonNull(manager, "manager");
    return new Component() {
      private Running running;

      @Override
      public synchronized void start() throws Exception {
        if (running != null) {
          return;
        }
        Running r =
            factory.create(manager.client(), manager.informers(), manager.clock(), rootCaPem);
        r.start().run();
        running = r;
      }

      @Override
      public synchronized void close() {
        if (running == null) {
          return;
        }
        try {
          running.stop().close();
        } catch (Exception e) {
          throw new IllegalStateException("closing " + name + " failed", e);
        } finally {
          running = null;
        }
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }
}
