package dev.keelson.controllers;

import dev.keelson.client.KubeClient;
import dev.keelson.controller.informer.InformerFactory;
import dev.keelson.controller.manager.Component;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.cronjob.CronJobController;
import dev.keelson.controllers.daemonset.DaemonSetController;
import dev.keelson.controllers.deployment.DeploymentController;
import dev.keelson.controllers.endpoints.EndpointsController;
import dev.keelson.controllers.endpointslice.EndpointSliceController;
import dev.keelson.controllers.gc.GarbageCollector;
import dev.keelson.controllers.job.JobController;
import dev.keelson.controllers.namespace.NamespaceController;
import dev.keelson.controllers.nodeipam.NodeIpamController;
import dev.keelson.controllers.nodelifecycle.NodeLifecycleController;
import dev.keelson.controllers.nodelifecycle.TaintEvictionController;
import dev.keelson.controllers.replicaset.ReplicaSetController;
import dev.keelson.controllers.statefulset.StatefulSetController;
import dev.keelson.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

  /** Makes one controller from the manager's client, informers and clock. */
  @FunctionalInterface
  interface Factory {
    Running create(KubeClient client, InformerFactory informers, Clock clock);
  }

  /** A created controller: how to start it and how to stop it. */
  record Running(Runnable start, AutoCloseable stop) {}

  /** A controller's name (as kube-controller-manager's {@code --controllers}) and factory. */
  record Entry(String name, Factory factory) {}

  /** Every built-in controller, in kube-controller-manager's naming. */
  static final List<Entry> ALL =
      List.of(
          new Entry(
              "namespace-controller",
              (c, i, k) -> {
                var x = new NamespaceController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "garbage-collector-controller",
              (c, i, k) -> {
                var x = new GarbageCollector(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "replicaset-controller",
              (c, i, k) -> {
                var x = new ReplicaSetController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "deployment-controller",
              (c, i, k) -> {
                var x = new DeploymentController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "statefulset-controller",
              (c, i, k) -> {
                var x = new StatefulSetController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "daemonset-controller",
              (c, i, k) -> {
                var x = new DaemonSetController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "job-controller",
              (c, i, k) -> {
                var x = new JobController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "cronjob-controller",
              (c, i, k) -> {
                var x = new CronJobController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "endpoints-controller",
              (c, i, k) -> {
                var x = new EndpointsController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "endpointslice-controller",
              (c, i, k) -> {
                var x = new EndpointSliceController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "node-lifecycle-controller",
              (c, i, k) -> {
                var x = new NodeLifecycleController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "taint-eviction-controller",
              (c, i, k) -> {
                var x = new TaintEvictionController(c, i, k);
                return new Running(x::start, x);
              }),
          new Entry(
              "node-ipam-controller",
              (c, i, k) -> {
                var x = new NodeIpamController(c, i, k);
                return new Running(x::start, x);
              }));

  /** The names of the built-in controllers. */
  public static List<String> names() {
    return ALL.stream().map(Entry::name).toList();
  }

  /** Adds every built-in controller to {@code manager}. */
  public static void addAll(Manager manager) {
    add(manager, Set.copyOf(names()));
  }

  /**
   * Adds the named built-in controllers to {@code manager}.
   *
   * @throws IllegalArgumentException for a name that is not a built-in controller's
   */
  public static void add(Manager manager, Set<String> names) {
    List<String> unknown = new ArrayList<>(names);
    unknown.removeAll(names());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown controllers " + unknown + "; the built-in ones are " + names());
    }
    for (Entry e : ALL) {
      if (names.contains(e.name())) {
        manager.add(component(manager, e.name(), e.factory()));
      }
    }
  }

  /** The scheduler as a component of {@code manager}. */
  public static Component scheduler(Manager manager) {
    return component(
        manager,
        "scheduler",
        (c, i, k) -> {
          var x = new Scheduler(c, i, k);
          return new Running(x::start, x);
        });
  }

  private static Component component(Manager manager, String name, Factory factory) {
    Objects.requireNonNull(manager, "manager");
    return new Component() {
      private Running running;

      @Override
      public synchronized void start() throws Exception {
        if (running != null) {
          return;
        }
        Running r = factory.create(manager.client(), manager.informers(), manager.clock());
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
