package dev.keelson.net.cni;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One attachment of a container to a network: what the runtime passes in the {@code CNI_*}
 * environment plus the capability arguments offered to plugins as {@code runtimeConfig}.
 *
 * @param containerId the container (pod sandbox) id, {@code CNI_CONTAINERID}
 * @param netns the network namespace path, e.g. {@code /run/netns/x}, {@code CNI_NETNS}
 * @param ifName the interface name inside the namespace, {@code CNI_IFNAME}
 * @param args extra arguments, sent as {@code CNI_ARGS} {@code K=V;K=V} (e.g. {@code
 *     IgnoreUnknown=1}, {@code K8S_POD_NAME})
 * @param capabilityArgs values offered for capabilities (e.g. {@code portMappings}, {@code
 *     ipRanges}, {@code bandwidth}); each plugin receives those it declares in {@code
 *     capabilities}. Values must be Jackson-serializable (maps, lists, strings, numbers, records).
 */
public record CniAttachment(
    String containerId,
    String netns,
    String ifName,
    Map<String, String> args,
    Map<String, Object> capabilityArgs) {

  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

  /** Validates the fields and copies the maps (keeping their order). */
  public CniAttachment {
    if (containerId == null || !ID.matcher(containerId).matches()) {
      throw invalid("container id \"" + containerId + "\" must match " + ID.pattern());
    }
    if (netns == null) {
      netns = "";
    }
    if (ifName == null
        || ifName.isEmpty()
        || ifName.length() > 15
        || ifName.equals(".")
        || ifName.equals("..")
        || ifName.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c))) {
      throw invalid(
          "interface name \"" + ifName + "\" must be 1-15 characters without '/', ':' or spaces");
    }
    args = args == null ? Map.of() : copy(args);
    for (Map.Entry<String, String> e : args.entrySet()) {
      if (e.getKey().isEmpty() || (e.getKey() + e.getValue()).matches(".*[;=].*")) {
        throw invalid("CNI_ARGS entry " + e.getKey() + " contains ';' or '=' or has no key");
      }
    }
    capabilityArgs = capabilityArgs == null ? Map.of() : copy(capabilityArgs);
  }

  /** An attachment without args or capability arguments. */
  public static CniAttachment of(String containerId, String netns, String ifName) {
    return new CniAttachment(containerId, netns, ifName, Map.of(), Map.of());
  }

  /** A copy with one more {@code CNI_ARGS} entry. */
  public CniAttachment withArg(String key, String value) {
    Map<String, String> a = new LinkedHashMap<>(args);
    a.put(key, value);
    return new CniAttachment(containerId, netns, ifName, a, capabilityArgs);
  }

  /** A copy with one more capability argument. */
  public CniAttachment withCapability(String capability, Object value) {
    Map<String, Object> c = new LinkedHashMap<>(capabilityArgs);
    c.put(capability, value);
    return new CniAttachment(containerId, netns, ifName, args, c);
  }

  /** The {@code CNI_ARGS} value. */
  public String cniArgs() {
    StringBuilder b = new StringBuilder();
    args.forEach(
        (k, v) -> {
          if (b.length() > 0) {
            b.append(';');
          }
          b.append(k).append('=').append(v);
        });
    return b.toString();
  }

  private static <V> Map<String, V> copy(Map<String, V> m) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  private static CniException invalid(String msg) {
    return new CniException(CniErrorCode.INVALID_ENVIRONMENT.code(), msg, "", "");
  }
}
