package dev.keelson.apiserver.auth.authn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An authenticated (or anonymous) user, as Kubernetes' {@code user.Info}.
 *
 * @param name the user name ({@code system:serviceaccount:ns:sa} for service accounts)
 * @param uid a unique id, or {@code ""}
 * @param groups the user's groups, {@code system:authenticated} included for authenticated users
 * @param extra further attributes (for example the bound pod of a service account token)
 */
public record UserInfo(
    String name, String uid, List<String> groups, Map<String, List<String>> extra) {
  /** Every authenticated user is in this group. */
  public static final String AUTHENTICATED = "system:authenticated";

  /** The anonymous user is in this group. */
  public static final String UNAUTHENTICATED = "system:unauthenticated";

  /** The anonymous user's name. */
  public static final String ANONYMOUS = "system:anonymous";

  /** The group whose members every authorizer lets do anything. */
  public static final String MASTERS = "system:masters";

  /** The anonymous user. */
  public static final UserInfo ANONYMOUS_USER =
      new UserInfo(ANONYMOUS, "", List.of(UNAUTHENTICATED), Map.of());

  public UserInfo {
    Objects.requireNonNull(name, "name");
    uid = uid == null ? "" : uid;
    groups = List.copyOf(groups == null ? List.of() : groups);
    extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(extra));
  }

  /** An authenticated user: {@code groups} plus {@code system:authenticated}. */
  public static UserInfo authenticated(
      String name, String uid, List<String> groups, Map<String, List<String>> extra) {
    List<String> g = new ArrayList<>(groups == null ? List.of() : groups);
    if (!g.contains(AUTHENTICATED)) {
      g.add(AUTHENTICATED);
    }
    return new UserInfo(name, uid, g, extra);
  }

  /** Whether this is the anonymous user. */
  public boolean isAnonymous() {
    return name.equals(ANONYMOUS);
  }

  /** Whether the user is in {@code group}. */
  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}
