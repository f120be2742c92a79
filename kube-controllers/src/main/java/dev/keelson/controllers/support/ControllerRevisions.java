package dev.keelson.controllers.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.apps.v1.ControllerRevision;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.errors.AlreadyExistsException;
import dev.keelson.api.errors.NotFoundException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.client.KubeClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The history of a StatefulSet or DaemonSet as apps/v1 ControllerRevisions, as Kubernetes' {@code
 * controller/history} keeps it: each revision holds a patch that replaces the pod template ({@code
 * {"spec":{"template":{...,"$patch":"replace"}}}}), is named {@code <owner>-<hash>} and labelled
 * {@code controller.kubernetes.io/hash=<hash>}, where the hash is the 32-bit FNV-1 hash of the data
 * (then the decimal collision count) in Kubernetes' safe encoding.
 */
public final class ControllerRevisions {
  /** The label of a revision that holds the hash of its data. */
  public static final String HASH_LABEL = "controller.kubernetes.io/hash";

  /** The pod label that names the revision a pod was made from. */
  public static final String POD_REVISION_LABEL = "controller-revision-hash";

  private static final String SAFE_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private ControllerRevisions() {}

  /**
   * The revision hash of {@code data}: FNV-1 (32 bit) over its JSON, then over the decimal {@code
   * collisionCount} when not null, the sum printed in decimal and safe-encoded.
   */
  public static String hash(JsonNode data, Integer collisionCount) {
    int h = 0x811c9dc5;
    h = fnv1(h, KubeJson.encode(data));
    if (collisionCount != null) {
      h = fnv1(h, Integer.toString(collisionCount).getBytes(StandardCharsets.US_ASCII));
    }
    return safeEncode(Long.toString(Integer.toUnsignedLong(h)));
  }

  private static int fnv1(int h, byte[] bytes) {
    for (byte b : bytes) {
      h *= 0x01000193;
      h ^= b & 0xff;
    }
    return h;
  }

  /** Kubernetes' {@code rand.SafeEncodeString}: no vowels, no look-alike digits. */
  static String safeEncode(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      out.append(SAFE_ALPHANUMS.charAt(s.charAt(i) % SAFE_ALPHANUMS.length()));
    }
    return out.toString();
  }

  /** The revision name {@code <owner>-<hash>} (the owner name cut to 223 characters). */
  public static String name(String owner, String hash) {
    return (owner.length() > 223 ? owner.substring(0, 223) : owner) + "-" + hash;
  }

  /** The revision data that records {@code template}: a patch replacing the pod template. */
  public static JsonNode templatePatch(PodTemplateSpec template) {
    ObjectNode t = (ObjectNode) KubeJson.toTree(template);
    t.put("$patch", "replace");
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.putObject("spec").set("template", t);
    return data;
  }

  /** The pod template a revision recorded. */
  public static PodTemplateSpec templateOf(ControllerRevision revision) {
    JsonNode t = revision.data() == null ? null : revision.data().path("spec").path("template");
    if (t == null || !t.isObject()) {
      return null;
    }
    ObjectNode copy = ((ObjectNode) t).deepCopy();
    copy.remove("$patch");
    return KubeJson.convert(copy, PodTemplateSpec.class);
  }

  /**
   * {@code template} as a revision gives it back: compared as records, so the JSON form a server
   * stores (absent versus empty fields) does not matter.
   */
  private static PodTemplateSpec normalized(PodTemplateSpec template) {
    return templateOf(new ControllerRevision(null, null, null, templatePatch(template), 0L));
  }

  /** Revisions by revision number, then name. */
  public static final Comparator<ControllerRevision> BY_REVISION =
      Comparator.comparingLong((ControllerRevision r) -> r.revision() == null ? 0 : r.revision())
          .thenComparing(r -> r.metadata().name());

  /**
   * The history after making sure a revision records {@code template}.
   *
   * @param revisions the owner's revisions, oldest first
   * @param update the revision of the current template
   * @param collisionCount the collision count to store in the owner's status
   */
  public record History(
      List<ControllerRevision> revisions, ControllerRevision update, int collisionCount) {}

  /**
   * Finds or creates the revision that records {@code template} for {@code owner}: an equal
   * revision that is not the newest is renumbered to be the newest (a rollback); a new one gets the
   * next number. A name taken by different data raises the collision count and retries.
   *
   * @param owned the revisions the owner controls (from a cache; may be stale)
   * @param templateLabels the labels revisions carry (the template's)
   */
  public static History sync(
      KubeClient client,
      KubernetesObject owner,
      List<ControllerRevision> owned,
      PodTemplateSpec template,
      Map<String, String> templateLabels,
      Integer collisionCount) {
    String ns = owner.metadata().namespace();
    var api = client.resources(ControllerRevision.class).inNamespace(ns);
    List<ControllerRevision> history = new ArrayList<>(owned);
    history.sort(BY_REVISION);
    JsonNode data = templatePatch(template);
    long max = history.isEmpty() ? 0 : last(history).revision();
    int collisions = collisionCount == null ? 0 : collisionCount;
    PodTemplateSpec wanted = normalized(template);
    ControllerRevision equal = null;
    for (ControllerRevision r : history) {
      if (wanted.equals(templateOf(r))) {
        equal = r;
      }
    }
    if (equal != null) {
      if (equal.revision() != max) {
        ControllerRevision renumbered = api.update(equal.withRevision(max + 1));
        history.remove(equal);
        history.add(renumbered);
        return new History(history, renumbered, collisions);
      }
      return new History(history, equal, collisions);
    }
    for (int attempt = 0; ; attempt++) {
      String hash = hash(data, collisions);
      Map<String, String> labels = new HashMap<>(templateLabels);
      labels.put(HASH_LABEL, hash);
      ControllerRevision fresh =
          new ControllerRevision(
              null,
              null,
              ObjectMetaBuilder.builder()
                  .name(name(owner.metadata().name(), hash))
                  .namespace(ns)
                  .labels(labels)
                  .ownerReferences(List.of(ControllerRefs.of(owner)))
                  .build(),
              data,
              max + 1);
      try {
        ControllerRevision created = api.create(fresh);
        history.add(created);
        return new History(history, created, collisions);
      } catch (AlreadyExistsException e) {
        ControllerRevision existing;
        try {
          existing = api.get(fresh.metadata().name());
        } catch (NotFoundException gone) {
          continue;
        }
        if (wanted.equals(templateOf(existing))
            && ControllerRefs.isControlledBy(existing.metadata(), owner.metadata().uid())) {
          history.add(existing);
          return new History(history, existing, collisions);
        }
        if (attempt > 100) {
          throw e;
        }
        collisions++;
      }
    }
  }

  /**
   * Deletes the oldest revisions beyond {@code limit} that are neither {@code live} (used by a pod)
   * nor the update revision.
   */
  public static void truncate(
      KubeClient client,
      List<ControllerRevision> history,
      Set<String> live,
      ControllerRevision update,
      int limit) {
    List<ControllerRevision> dead = new ArrayList<>();
    for (ControllerRevision r : history) {
      String n = r.metadata().name();
      if (!live.contains(n) && !n.equals(update.metadata().name())) {
        dead.add(r);
      }
    }
    dead.sort(BY_REVISION);
    for (int i = 0; i < dead.size() - limit; i++) {
      ObjectMeta m = dead.get(i).metadata();
      try {
        client
            .resources(ControllerRevision.class)
            .inNamespace(m.namespace())
            .delete(m.name(), null);
      } catch (NotFoundException ignored) {
        // already gone
      }
    }
  }

  private static ControllerRevision last(List<ControllerRevision> l) {
    return l.get(l.size() - 1);
  }
}
