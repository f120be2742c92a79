package dev.keelson.apiserver.admission;

import java.util.List;
import java.util.Map;

/**
 * Who makes a request, as authentication found it (Kubernetes' {@code user.Info}).
 *
 * @param name the user name, for example {@code kubernetes-admin} or {@code
 *     system:serviceaccount:ns:name}
 * @param uid the user's uid, or empty
 * @param groups the user's groups
 * @param extra further attributes the authenticator gave
 */
public record UserInfo(
    String name, String uid, List<String> groups, Map<String, List<String>> extra) {
  /** The user of requests that no authenticator identified (until authentication is on). */
  public static final UserInfo UNKNOWN = new UserInfo("", "", List.of(), Map.of());

  public UserInfo {
    name = name == null ? "" : name;
    uid = uid == null ? "" : uid;
    groups = List.copyOf(groups == null ? List.of() : groups);
    extra = Map.copyOf(extra == null ? Map.of() : extra);
  }
}
