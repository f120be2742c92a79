package dev.keelson.apiserver.auth.rbac;

import dev.keelson.api.json.KubeJson;
import dev.keelson.api.rbac.v1.ClusterRole;
import dev.keelson.api.rbac.v1.ClusterRoleBinding;
import dev.keelson.api.rbac.v1.Role;
import dev.keelson.api.rbac.v1.RoleBinding;
import dev.keelson.store.KeyValue;
import dev.keelson.store.RangeRequest;
import dev.keelson.store.RangeResult;
import dev.keelson.store.Store;
import dev.keelson.store.Watch;
import dev.keelson.store.WatchEvent;
import dev.keelson.store.WatchRequest;
import dev.keelson.watch.ResourceKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Roles, ClusterRoles, RoleBindings and ClusterRoleBindings as the store holds them, kept current
 * by the store's watch (list, then watch from the list's revision; a broken watch lists again), as
 * kube-apiserver's RBAC authorizer reads them from informers. The first list happens in {@link
 * #start()}, so the cache is synced when that returns.
 */
public final class RbacCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RbacCache.class);
  private static final String GROUP = "rbac.authorization.k8s.io";

  private final Store store;
  private final Kind<ClusterRole> clusterRoles;
  private final Kind<Role> roles;
  private final Kind<ClusterRoleBinding> clusterRoleBindings;
  private final Kind<RoleBinding> roleBindings;
  private volatile boolean closed;

  public RbacCache(Store store) {
    this.store = store;
    this.clusterRoles =
        new Kind<>(new ResourceKeys(GROUP, "clusterroles", false), ClusterRole.class);
    this.roles = new Kind<>(new ResourceKeys(GROUP, "roles", true), Role.class);
    this.clusterRoleBindings =
        new Kind<>(new ResourceKeys(GROUP, "clusterrolebindings", false), ClusterRoleBinding.class);
    this.roleBindings =
        new Kind<>(new ResourceKeys(GROUP, "rolebindings", true), RoleBinding.class);
  }

  /** Lists the four kinds and starts watching them. */
  public void start() {
    for (Kind<?> k : List.of(clusterRoles, roles, clusterRoleBindings, roleBindings)) {
      k.listAndWatch();
    }
  }

  /** A cluster role by name. */
  public Optional<ClusterRole> clusterRole(String name) {
    return Optional.ofNullable(clusterRoles.byKey.get(clusterRoles.keys.key(null, name)));
  }

  /** A role by namespace and name. */
  public Optional<Role> role(String namespace, String name) {
    return Optional.ofNullable(roles.byKey.get(roles.keys.key(namespace, name)));
  }

  /** Every cluster role binding. */
  public Collection<ClusterRoleBinding> clusterRoleBindings() {
    return clusterRoleBindings.byKey.values();
  }

  /** The role bindings of a namespace. */
  public List<RoleBinding> roleBindings(String namespace) {
    String prefix = roleBindings.keys.prefix(namespace);
    List<RoleBinding> out = new ArrayList<>();
    for (Map.Entry<String, RoleBinding> e : roleBindings.byKey.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
    for (Kind<?> k : List.of(clusterRoles, roles, clusterRoleBindings, roleBindings)) {
      Watch w = k.watch;
      if (w != null) {
        w.close();
      }
    }
  }

  private final class Kind<T> {
    final ResourceKeys keys;
    final Function<KeyValue, T> decode;
    final Map<String, T> byKey = new ConcurrentHashMap<>();
    volatile Watch watch;

    Kind(ResourceKeys keys, Class<T> type) {
      this.keys = keys;
      this.decode = kv -> KubeJson.convert(KubeJson.parse(kv.value()), type);
    }

    void listAndWatch() {
      byte[] prefix = keys.prefix().getBytes(StandardCharsets.UTF_8);
      RangeResult all = store.range(RangeRequest.prefix(prefix));
      Map<String, T> fresh = new ConcurrentHashMap<>();
      for (KeyValue kv : all.kvs()) {
        put(fresh, kv);
      }
      byKey.keySet().retainAll(fresh.keySet());
      byKey.putAll(fresh);
      Watch w =
          store.watch(
              WatchRequest.prefix(prefix).fromRevision(all.revision() + 1),
              events -> {
                for (WatchEvent e : events) {
                  if (e.type() == WatchEvent.Type.DELETE) {
                    byKey.remove(e.kv().keyString());
                  } else {
                    put(byKey, e.kv());
                  }
                }
              });
      watch = w;
      w.terminated()
          .whenComplete(
              (ok, err) -> {
                if (!closed) {
                  LOG.debug("RBAC watch of {} ended ({}); listing again", keys.prefix(), err);
                  Thread.ofVirtual().start(this::relist);
                }
              });
    }

    private void relist() {
      while (!closed) {
        try {
          listAndWatch();
          return;
        } catch (RuntimeException e) {
          LOG.warn("cannot list {}: {}", keys.prefix(), e.toString());
          try {
            Thread.sleep(1000);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }

    private void put(Map<String, T> into, KeyValue kv) {
      try {
        into.put(kv.keyString(), decode.apply(kv));
      } catch (RuntimeException e) {
        LOG.warn("cannot decode {}: {}", kv.keyString(), e.toString());
      }
    }
  }
}
