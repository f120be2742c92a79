package dev.keelson.apiserver.admission.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.GroupResource;
import dev.keelson.api.errors.ForbiddenException;
import dev.keelson.apiserver.admission.AdmissionContext;
import dev.keelson.apiserver.admission.AdmissionPlugins;
import dev.keelson.apiserver.admission.Attributes;
import dev.keelson.apiserver.admission.MutatingPlugin;
import dev.keelson.apiserver.admission.Operation;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * kube-apiserver's {@code ServiceAccount} plugin, for pods being created: {@code
 * spec.serviceAccountName} defaults to {@code default}; the service account must exist (403 {@code
 * error looking up service account ns/name: serviceaccount "name" not found}); unless the pod or
 * its service account says {@code automountServiceAccountToken: false}, a projected volume {@code
 * kube-api-access-xxxxx} (a bound token of 3607 s, the {@code kube-root-ca.crt} ConfigMap's {@code
 * ca.crt}, the namespace from the downward API) is added and mounted read-only at {@value
 * #MOUNT_PATH} in every container and init container that does not mount something there already.
 * Mirror pods (static pods of a node) are left alone.
 */
public final class ServiceAccountAdmission implements MutatingPlugin {
  /** Where containers find their service account credentials. */
  public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  /** The prefix of the projected volume's name. */
  public static final String VOLUME_PREFIX = "kube-api-access-";

  /** The ConfigMap with the cluster CA that every namespace has. */
  public static final String ROOT_CA_CONFIG_MAP = "kube-root-ca.crt";

  static final GroupResource SERVICE_ACCOUNTS = GroupResource.of("", "serviceaccounts");
  private static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  private static final String CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AdmissionContext context;

  public ServiceAccountAdmission(AdmissionContext context) {
    this.context = context;
  }

  @Override
  public String name() {
    return AdmissionPlugins.SERVICE_ACCOUNT;
  }

  @Override
  public boolean handles(Operation operation) {
    return operation == Operation.CREATE;
  }

  @Override
  public void admit(Attributes a) {
    if (!a.isMain("", "pods") || a.object() == null) {
      return;
    }
    ObjectNode pod = a.object();
    if (pod.path("metadata").path("annotations").has(MIRROR_ANNOTATION)) {
      return;
    }
    ObjectNode spec = pod.with("spec");
    String saName = spec.path("serviceAccountName").asText("");
    if (saName.isEmpty()) {
      saName = spec.path("serviceAccount").asText("");
    }
    if (saName.isEmpty()) {
      saName = "default";
    }
    spec.put("serviceAccountName", saName);
    Optional<ObjectNode> sa = context.cached(SERVICE_ACCOUNTS, a.namespace(), saName);
    if (sa.isEmpty()) {
      sa = context.get(SERVICE_ACCOUNTS, a.namespace(), saName); // as Kubernetes' live lookup
    }
    if (sa.isEmpty()) {
      throw ForbiddenException.of(
          a.groupResource(),
          a.name(),
          "error looking up service account "
              + a.namespace()
              + "/"
              + saName
              + ": serviceaccount \""
              + saName
              + "\" not found");
    }
    if (automount(spec, sa.get())) {
      mount(spec);
    }
  }

  private static boolean automount(ObjectNode spec, ObjectNode sa) {
    JsonNode own = spec.get("automountServiceAccountToken");
    if (own != null && own.isBoolean()) {
      return own.asBoolean();
    }
    JsonNode fromSa = sa.get("automountServiceAccountToken");
    return fromSa == null || !fromSa.isBoolean() || fromSa.asBoolean();
  }

  private static void mount(ObjectNode spec) {
    ArrayNode volumes = spec.withArray("volumes");
    for (JsonNode v : volumes) {
      if (v.path("name").asText("").startsWith(VOLUME_PREFIX)) {
        return; // mounted already (a pod copied from another)
      }
    }
    String name = VOLUME_PREFIX + suffix();
    ObjectNode projected = volumes.addObject().put("name", name).putObject("projected");
    ArrayNode sources = projected.putArray("sources");
    sources
        .addObject()
        .putObject("serviceAccountToken")
        .put("expirationSeconds", 3607)
        .put("path", "token");
    ObjectNode cm = sources.addObject().putObject("configMap").put("name", ROOT_CA_CONFIG_MAP);
    cm.putArray("items").addObject().put("key", "ca.crt").put("path", "ca.crt");
    ObjectNode item = sources.addObject().putObject("downwardAPI").putArray("items").addObject();
    item.put("path", "namespace")
        .putObject("fieldRef")
        .put("apiVersion", "v1")
        .put("fieldPath", "metadata.namespace");
    projected.put("defaultMode", 420);
    for (String list : new String[] {"initContainers", "containers"}) {
      for (JsonNode c : spec.path(list)) {
        if (c instanceof ObjectNode container && !mountsServiceAccountPath(container)) {
          container
              .withArray("volumeMounts")
              .addObject()
              .put("name", name)
              .put("readOnly", true)
              .put("mountPath", MOUNT_PATH);
        }
      }
    }
  }

  private static boolean mountsServiceAccountPath(ObjectNode container) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (MOUNT_PATH.equals(m.path("mountPath").asText())) {
        return true;
      }
    }
    return false;
  }

  private static String suffix() {
    char[] c = new char[5];
    for (int i = 0; i < c.length; i++) {
      c[i] = CHARS.charAt(RANDOM.nextInt(CHARS.length()));
    }
    return new String(c);
  }
}
