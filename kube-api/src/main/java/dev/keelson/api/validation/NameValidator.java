package dev.keelson.api.validation;

import dev.keelson.api.GroupResource;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the name of an object of one resource: Kubernetes' {@code ValidateNameFunc}. Returns
 * everything wrong with the name, or an empty list.
 *
 * <p>With {@code prefix == true} the value is a {@code generateName} prefix to which random
 * characters will be appended; a trailing {@code -} is then allowed. As in Kubernetes, the prefix
 * is checked after masking a trailing dash ({@code name[:len-2] + "a"}, Kubernetes' {@code
 * maskTrailingDash}), so {@code "web-"} is checked as {@code "wea"}.
 */
@FunctionalInterface
public interface NameValidator {
  List<String> validate(String name, boolean prefix);

  /** DNS-1123 subdomain: the rule for most resources (pods, configmaps, deployments, ...). */
  NameValidator DNS_SUBDOMAIN =
      (name, prefix) -> Names.isDns1123Subdomain(prefix ? maskTrailingDash(name) : name);

  /** DNS-1123 label: namespaces (and other names used as DNS labels). */
  NameValidator DNS_LABEL =
      (name, prefix) -> Names.isDns1123Label(prefix ? maskTrailingDash(name) : name);

  /** DNS-1035 label: services. */
  NameValidator DNS1035_LABEL =
      (name, prefix) -> Names.isDns1035Label(prefix ? maskTrailingDash(name) : name);

  /**
   * Any name usable as a URL path segment: not {@code .} or {@code ..}, no {@code /} or {@code %}.
   */
  NameValidator PATH_SEGMENT =
      (name, prefix) -> {
        if (!prefix) {
          if (name.equals(".") || name.equals("..")) {
            return List.of("may not be '" + name + "'");
          }
        }
        List<String> errs = new ArrayList<>();
        for (String bad : List.of("/", "%")) {
          if (name.contains(bad)) {
            errs.add("may not contain '" + bad + "'");
          }
        }
        return errs;
      };

  /**
   * The name rule Kubernetes applies to a built-in resource: DNS label for {@code namespaces},
   * DNS-1035 label for {@code services}, a path segment for the RBAC kinds, DNS subdomain for
   * everything else (custom resources included).
   */
  static NameValidator forResource(GroupResource resource) {
    if (resource.group().equals("rbac.authorization.k8s.io")) {
      return PATH_SEGMENT; // ValidateRBACName
    }
    if (resource.group().isEmpty()) {
      switch (resource.resource()) {
        case "namespaces":
          return DNS_LABEL;
        case "services":
          return DNS1035_LABEL;
        default:
          break;
      }
    }
    return DNS_SUBDOMAIN;
  }

  /** Kubernetes' {@code maskTrailingDash}, quirk included: drops two characters, adds one. */
  private static String maskTrailingDash(String name) {
    if (name.length() > 1 && name.endsWith("-")) {
      return name.substring(0, name.length() - 2) + "a";
    }
    return name;
  }
}
