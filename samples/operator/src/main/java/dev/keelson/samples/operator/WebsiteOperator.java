package dev.keelson.samples.operator;

import dev.keelson.api.GenericObject;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.core.v1.Service;
import dev.keelson.controller.informer.SharedInformer;
import dev.keelson.controller.manager.Manager;
import dev.keelson.controller.reconcile.Controller;
import dev.keelson.controller.source.Predicates;
import dev.keelson.controller.time.Clock;

/**
 * Wires the Website controller into a {@link Manager}: Websites are the primary resource (changes
 * of their spec, seen as a new generation, trigger a reconcile); Deployments and Services they
 * control trigger their owner's reconcile.
 *
 * <pre>{@code
 * Manager mgr = Manager.builder(client).leaderElection("default", "website-operator").build();
 * WebsiteOperator.install(mgr, Clock.system());
 * mgr.start();
 * }</pre>
 */
public final class WebsiteOperator {
  private WebsiteOperator() {}

  /** The controller's name (metrics, logs, queue). */
  public static final String NAME = "website";

  /**
   * Adds the Website controller to {@code manager} (sharing its informers) and returns it;
   * condition transitions are stamped with {@code clock}.
   */
  public static Controller install(Manager manager, Clock clock) {
    SharedInformer<GenericObject> websites = manager.informer(Website.RESOURCE);
    SharedInformer<Deployment> deployments = manager.informer(Deployment.class);
    SharedInformer<Service> services = manager.informer(Service.class);
    WebsiteReconciler reconciler =
        new WebsiteReconciler(
            manager.client(), websites.indexer(), deployments.indexer(), services.indexer(), clock);
    Controller controller =
        manager
            .controller(NAME, reconciler)
            .forResource(websites, Predicates.generationChanged())
            .owns(deployments, Website.GROUP, Website.KIND)
            .owns(services, Website.GROUP, Website.KIND)
            .workers(2)
            .build();
    manager.add(controller);
    return controller;
  }
}
