package dev.keelson.samples.operator;

import dev.keelson.api.GenericObject;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.apps.v1.DeploymentStatus;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.meta.Condition;
import dev.keelson.client.KubeClient;
import dev.keelson.client.Resources;
import dev.keelson.controller.cache.Indexer;
import dev.keelson.controller.reconcile.Reconciler;
import dev.keelson.controller.reconcile.Request;
import dev.keelson.controller.reconcile.Result;
import dev.keelson.controller.time.Clock;
import dev.keelson.controllers.support.ControllerRefs;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the world match a {@link Website}: creates or corrects its Deployment and Service (see
 * {@link WebsiteObjects}), then writes its status: {@code readyReplicas}, {@code
 * observedGeneration}, and the conditions {@code Ready} and {@code Progressing} (see {@link
 * WebsiteConditions}).
 *
 * <p>Reads come from the informers' caches; writes go to the API server. A write that loses a race
 * (conflict) throws and is retried with backoff. Objects of the Website's name that another owner
 * controls are left alone and reported as {@code ResourceConflict}. Deleting a Website needs no
 * work here: its Deployment and Service carry a controller reference, so the garbage collector
 * deletes them.
 */
public final class WebsiteReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(WebsiteReconciler.class);

  private final Resources<GenericObject> websites;
  private final Resources<Deployment> deployments;
  private final Resources<Service> services;
  private final Indexer<GenericObject> websiteCache;
  private final Indexer<Deployment> deploymentCache;
  private final Indexer<Service> serviceCache;
  private final Clock clock;

  /**
   * A reconciler writing through {@code client}, reading the caches given, and stamping condition
   * transitions with {@code clock}.
   */
  public WebsiteReconciler(
      KubeClient client,
      Indexer<GenericObject> websiteCache,
      Indexer<Deployment> deploymentCache,
      Indexer<Service> serviceCache,
      Clock clock) {
    this.websites = client.generic(Website.RESOURCE);
    this.deployments = client.resources(Deployment.class);
    this.services = client.resources(Service.class);
    this.websiteCache = Objects.requireNonNull(websiteCache, "websiteCache");
    this.deploymentCache = Objects.requireNonNull(deploymentCache, "deploymentCache");
    this.serviceCache = Objects.requireNonNull(serviceCache, "serviceCache");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Result reconcile(Request request) {
    GenericObject cached = websiteCache.get(request.namespace(), request.name()).orElse(null);
    if (cached == null) {
      return Result.done(); // deleted; the garbage collector removes what it owned
    }
    Website site = Website.from(cached);
    if (site.metadata().isBeingDeleted()) {
      return Result.done();
    }
    long generation = site.metadata().generation() == null ? 0 : site.metadata().generation();
    String problem = site.spec() == null ? "spec: Required value" : site.spec().problem();
    if (problem != null) {
      // Nothing to retry until the spec changes.
      return writeStatus(site, generation, 0, false, WebsiteConditions.REASON_INVALID_SPEC, problem)
          ? Result.done()
          : Result.requeueWithBackoff();
    }

    Deployment deployment = ensureDeployment(site);
    if (deployment == null) {
      return writeConflict(site, generation, "Deployment")
          ? Result.done()
          : Result.requeueWithBackoff();
    }
    Service service = ensureService(site);
    if (service == null) {
      return writeConflict(site, generation, "Service")
          ? Result.done()
          : Result.requeueWithBackoff();
    }

    int want = site.spec().replicasOrDefault();
    DeploymentStatus ds = deployment.status();
    int ready = ds == null || ds.readyReplicas() == null ? 0 : ds.readyReplicas();
    int updated = ds == null || ds.updatedReplicas() == null ? 0 : ds.updatedReplicas();
    int total = ds == null || ds.replicas() == null ? 0 : ds.replicas();
    long depGeneration =
        deployment.metadata().generation() == null ? 0 : deployment.metadata().generation();
    boolean observed =
        ds != null && ds.observedGeneration() != null && ds.observedGeneration() >= depGeneration;
    boolean complete = observed && ready == want && updated == want && total == want;
    String message =
        complete
            ? "all " + want + " replicas are ready"
            : ready + " of " + want + " replicas ready, " + updated + " updated";
    boolean written =
        writeStatus(
            site,
            generation,
            ready,
            complete,
            complete
                ? WebsiteConditions.REASON_AVAILABLE
                : WebsiteConditions.REASON_REPLICAS_NOT_READY,
            message);
    return written ? Result.done() : Result.requeueWithBackoff();
  }

  /** The site's Deployment, created or corrected; {@code null} if someone else controls it. */
  private Deployment ensureDeployment(Website site) {
    String ns = site.metadata().namespace();
    String name = site.metadata().name();
    Deployment existing = deploymentCache.get(ns, name).orElse(null);
    if (existing == null) {
      try {
        log.info("website {}/{}: creating its Deployment", ns, name);
        return deployments.inNamespace(ns).create(WebsiteObjects.deployment(site));
      } catch (AlreadyExistsException e) {
        existing = deployments.inNamespace(ns).get(name); // the cache had not seen it yet
      }
    }
    if (!ownedBy(existing, site)) {
      return null;
    }
    Deployment corrected = WebsiteObjects.reconcile(existing, site);
    if (corrected == null) {
      return existing;
    }
    log.info("website {}/{}: updating its Deployment", ns, name);
    return deployments.inNamespace(ns).update(corrected);
  }

  /** The site's Service, created or corrected; {@code null} if someone else controls it. */
  private Service ensureService(Website site) {
    String ns = site.metadata().namespace();
    String name = site.metadata().name();
    Service existing = serviceCache.get(ns, name).orElse(null);
    if (existing == null) {
      try {
        log.info("website {}/{}: creating its Service", ns, name);
        return services.inNamespace(ns).create(WebsiteObjects.service(site));
      } catch (AlreadyExistsException e) {
        existing = services.inNamespace(ns).get(name);
      }
    }
    if (!ownedBy(existing, site)) {
      return null;
    }
    Service corrected = WebsiteObjects.reconcile(existing, site);
    if (corrected == null) {
      return existing;
    }
    log.info("website {}/{}: updating its Service", ns, name);
    return services.inNamespace(ns).update(corrected);
  }

  private static boolean ownedBy(KubernetesObject obj, Website site) {
    return ControllerRefs.isControlledBy(obj.metadata(), site.metadata().uid());
  }

  private boolean writeConflict(Website site, long generation, String kind) {
    String message =
        kind
            + " "
            + site.metadata().namespace()
            + "/"
            + site.metadata().name()
            + " exists and is not controlled by this Website";
    return writeStatus(
        site, generation, 0, false, WebsiteConditions.REASON_RESOURCE_CONFLICT, message);
  }

  /**
   * Writes the status if it changed. {@code Progressing} follows {@code Ready} for a valid spec
   * (True while not ready), and is False with the same reason when the operator cannot proceed.
   */
  private boolean writeStatus(
      Website site, long generation, int ready, boolean isReady, String reason, String message) {
    boolean blocked =
        reason.equals(WebsiteConditions.REASON_INVALID_SPEC)
            || reason.equals(WebsiteConditions.REASON_RESOURCE_CONFLICT);
    WebsiteStatus old =
        site.status() == null ? new WebsiteStatus(null, null, List.of()) : site.status();
    var now = clock.instant();
    List<Condition> conditions =
        WebsiteConditions.set(
            old.conditions(),
            WebsiteConditions.of(WebsiteConditions.READY, isReady, generation, reason, message),
            now);
    conditions =
        WebsiteConditions.set(
            conditions,
            blocked
                ? WebsiteConditions.of(
                    WebsiteConditions.PROGRESSING, false, generation, reason, message)
                : isReady
                    ? WebsiteConditions.of(
                        WebsiteConditions.PROGRESSING,
                        false,
                        generation,
                        WebsiteConditions.REASON_ROLLOUT_COMPLETE,
                        message)
                    : WebsiteConditions.of(
                        WebsiteConditions.PROGRESSING,
                        true,
                        generation,
                        WebsiteConditions.REASON_ROLLING_OUT,
                        message),
            now);
    WebsiteStatus next = new WebsiteStatus(generation, ready, conditions);
    if (next.equals(old)) {
      return true;
    }
    try {
      websites
          .inNamespace(site.metadata().namespace())
          .updateStatus(site.withStatus(next).toGeneric());
    } catch (NotFoundException e) {
      // deleted meanwhile: nothing to report
    } catch (ConflictException e) {
      // The cache had not yet seen our last write: try again once it has (quietly, with backoff).
      log.debug("website {}: status conflict, retrying", site.metadata().name());
      return false;
    }
    return true;
  }
}
