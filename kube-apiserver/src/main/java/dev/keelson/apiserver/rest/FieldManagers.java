package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupVersionKind;
import dev.keelson.api.apply.FieldManager;
import dev.keelson.api.apply.FieldType;
import dev.keelson.api.errors.InvalidException;
import dev.keelson.api.registry.ResourceType;
import dev.keelson.api.validation.FieldError;
import dev.keelson.apiserver.http.Request;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The field managers of the served resources (server-side apply and managedFields): one per
 * resource and subresource, typed by the built-in kind's record or the CRD's schema, and the
 * manager name of a request ({@code fieldManager}, else the user agent up to its first {@code /},
 * as kube-apiserver derives it).
 */
final class FieldManagers {
  /** kube-apiserver's limit on a fieldManager's length. */
  static final int MAX_MANAGER_LENGTH = 128;

  private final java.util.function.Supplier<CustomResourceHooks> hooks;
  private final InstantSource clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(JsonNode schema, FieldManager manager) {}

  FieldManagers(java.util.function.Supplier<CustomResourceHooks> hooks, InstantSource clock) {
    this.hooks = hooks;
    this.clock = clock;
  }

  /** The field manager of {@code ctx}'s resource written through {@code sub} (null: main). */
  FieldManager of(ResourceContext ctx, String sub) {
    ResourceType type = ctx.type();
    String key = type.gvr() + "/" + (sub == null ? "" : sub);
    JsonNode schema = type.isTyped() ? null : hooks.get().openApiSchema(type);
    Cached c = cache.get(key);
    if (c == null || c.schema() != schema) {
      FieldType t =
          type.isTyped()
              ? FieldType.forClass(type.javaType())
              : FieldType.forCustomResource(schema);
      c = new Cached(schema, FieldManager.of(t, sub, ctx.hasStatusSubresource()));
      cache.put(key, c);
    }
    return c.manager();
  }

  /** The writer of a request: its manager, the resource's version, now. */
  FieldManager.Writer writer(ResourceType type, Request r, String sub, boolean force) {
    return new FieldManager.Writer(
        manager(r, "UpdateOptions"), type.apiVersion(), sub, force, clock.instant());
  }

  /** The writer of an apply: {@code fieldManager} is required. */
  FieldManager.Writer applier(ResourceType type, Request r, String sub) {
    String manager = r.param("fieldManager");
    if (manager == null || manager.isEmpty()) {
      throw invalid(
          "PatchOptions", FieldError.required("fieldManager", "is required for apply patch"));
    }
    String force = r.param("force");
    return new FieldManager.Writer(
        manager(r, "PatchOptions"), type.apiVersion(), sub, "true".equals(force), clock.instant());
  }

  /** A non-apply patch may not say {@code force}. */
  static void refuseForce(Request r) {
    if (r.param("force") != null) {
      throw invalid(
          "PatchOptions",
          FieldError.forbidden("force", "may not be specified for non-apply patch"));
    }
  }

  /** The manager of a request: fieldManager, else the user agent's prefix. */
  static String manager(Request r, String optionsKind) {
    String m = r.param("fieldManager");
    if (m != null && !m.isEmpty()) {
      if (m.length() > MAX_MANAGER_LENGTH) {
        throw invalid(optionsKind, FieldError.tooLong("fieldManager", m, MAX_MANAGER_LENGTH));
      }
      for (int i = 0; i < m.length(); i++) {
        if (Character.isISOControl(m.charAt(i))) {
          throw invalid(
              optionsKind,
              FieldError.invalid("fieldManager", m, "must only contain printable characters"));
        }
      }
      return m;
    }
    String agent = r.header("user-agent");
    if (agent == null) {
      return "";
    }
    int slash = agent.indexOf('/');
    String prefix = slash < 0 ? agent : agent.substring(0, slash);
    return prefix.length() > MAX_MANAGER_LENGTH ? prefix.substring(0, MAX_MANAGER_LENGTH) : prefix;
  }

  private static InvalidException invalid(String kind, FieldError error) {
    return InvalidException.of(new GroupVersionKind("meta.k8s.io", "v1", kind), "", List.of(error));
  }

  /** Records an ordinary write of {@code obj} (the old object {@code old}, null on create). */
  void update(ResourceContext ctx, String sub, ObjectNode old, ObjectNode obj, Request r) {
    of(ctx, sub).update(old, obj, writer(ctx.type(), r, sub, false));
  }
}
