package dev.keelson.apiserver.admission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GenericObject;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.MutatingPlugin;
import dev.keelson.apiserver.admission.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * kube-apiserver's {@code NamespaceLifecycle}: objects are created only in namespaces that exist
 * (404 otherwise) and are not terminating (403 {@code unable to create new content in namespace x
 * because it is being terminated}); the immortal namespaces {@code default}, {@code kube-system}
 * and {@code kube-public} cannot be deleted (403 {@code this namespace may not be deleted}).
 *
 * <p>The namespace is read from the namespaces' watch cache; one deleted lately through this server
 * (30 s, the last 100, as kube-apiserver's "force live lookup" list), or one the cache does not
 * show open, is read from the store.
 */
public final class NamespaceLifecycle implements MutatingPlugin {
  static final GroupResource NAMESPACES = GroupResource.of("", "namespaces");

  /** Namespaces that may not be deleted. */
  public static final List<String> IMMORTAL = List.of("default", "kube-system", "kube-public");

  private static final long FORCE_LIVE_LOOKUP_NANOS = 30_000_000_000L;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  private final AdmissionContext context;
  private final Map<String, Long> recentlyDeleted =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > 100;
        }
      };

  public NamespaceLifecycle(AdmissionContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return AdmissionPlugins.NAMESPACE_LIFECYCLE;
  }

  @Override
  public boolean handles(Operation operation) {
    return operation == Operation.CREATE || operation == Operation.DELETE;
  }

  @Override
  public void admit(Attributes a) {
    boolean isNamespace = a.isMain("", "namespaces");
    if (a.operation() == Operation.DELETE) {
      if (isNamespace) {
        if (IMMORTAL.contains(a.name())) {
          throw ForbiddenException.of(NAMESPACES, a.name(), "this namespace may not be deleted");
        }
        if (!a.dryRun()) {
          synchronized (recentlyDeleted) {
            recentlyDeleted.put(a.name(), System.nanoTime() + FORCE_LIVE_LOOKUP_NANOS);
          }
        }
      }
      return;
    }
    if (isNamespace || a.namespace() == null || a.namespace().isEmpty()) {
      return;
    }
    String namespace = a.namespace();
    if (!recentlyDeleted(namespace) && DNS_LABEL.matcher(namespace).matches()) {
      Optional<GenericObject> cached = context.cachedObject(NAMESPACES, null, namespace);
      if (cached.isPresent() && !terminating(cached.get())) {
        return;
      }
    }
    ObjectNode ns =
        context
            .get(NAMESPACES, null, namespace)
            .orElseThrow(() -> NotFoundException.of(NAMESPACES, namespace));
    if (terminating(ns)) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          "unable to create new content in namespace "
              + namespace
              + " because it is being terminated");
    }
  }

  private static boolean terminating(ObjectNode ns) {
    return terminating(GenericObject.wrap(ns));
  }

  private static boolean terminating(GenericObject ns) {
    JsonNode deletion = ns.at("/metadata/deletionTimestamp");
    return !deletion.isMissingNode() && !deletion.isNull();
  }

  private boolean recentlyDeleted(String namespace) {
    synchronized (recentlyDeleted) {
      Long until = recentlyDeleted.get(namespace);
      if (until == null) {
        return false;
      }
      if (System.nanoTime() - until > 0) {
        recentlyDeleted.remove(namespace);
        return false;
      }
      return true;
    }
  }
}
