package dev.keelson.apiserver.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.watch.ListOptions;
import dev.keelson.watch.StoredObject;

/**
 * kube-apiserver's {@code Priority} admission rule for priority classes: at most one may be the
 * global default. Creating a second default, or marking another class as the default, is refused
 * with {@code 403 Forbidden}: {@code PriorityClass <name> is already marked as default. Only one
 * default can exist}. Read from the watch cache, as the admission plugin reads its informer: two
 * concurrent writes can still both pass.
 */
final class PriorityClassAdmission {
  private PriorityClassAdmission() {}

  static void check(ResourceContext ctx, ObjectNode obj) {
    if (!ctx.type().group().equals("scheduling.k8s.io")
        || !ctx.type().plural().equals("priorityclasses")
        || !obj.path("globalDefault").asBoolean(false)) {
      return;
    }
    String name = obj.path("metadata").path("name").asText("");
    for (StoredObject other :
        ctx.cache()
            .list(
                ListOptions.all()
                    .atResourceVersion("0", ListOptions.ResourceVersionMatch.NOT_OLDER_THAN))
            .items()) {
      if (other.name().equals(name)) {
        continue;
      }
      JsonNode pc = KubeJson.parse(other.json());
      if (pc.path("globalDefault").asBoolean(false)) {
        throw ForbiddenException.of(
            ctx.type().groupResource(),
            name,
            "PriorityClass "
                + other.name()
                + " is already marked as default. Only one default can exist");
      }
    }
  }
}
