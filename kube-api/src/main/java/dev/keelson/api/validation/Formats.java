package dev.keelson.api.validation;

/**
 * Kubernetes' name formats ({@link Names#DNS1123_SUBDOMAIN_FMT} and its kin) checked character by
 * character. Names, label keys and values and ConfigMap keys are checked on every write; the
 * regular expressions cost a matcher and a backtracking walk each. Each method accepts exactly the
 * strings its format's regular expression matches in full (FormatsTest compares them).
 */
final class Formats {
  private Formats() {}

  private static boolean lowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean alphanumeric(char c) {
    return lowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
  }

  /** {@link Names#DNS1123_LABEL_FMT}: {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?}. */
  static boolean dns1123Label(String s) {
    return dns1123Label(s, 0, s.length());
  }

  private static boolean dns1123Label(String s, int from, int to) {
    if (from >= to || !lowerAlphanumeric(s.charAt(from)) || !lowerAlphanumeric(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (c != '-' && !lowerAlphanumeric(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@link Names#DNS1123_SUBDOMAIN_FMT}: DNS-1123 labels joined by dots. */
  static boolean dns1123Subdomain(String s) {
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (!dns1123Label(s, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** {@link Names#QUALIFIED_NAME_FMT}: {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}. */
  static boolean qualifiedName(String s) {
    int n = s.length();
    if (n == 0 || !alphanumeric(s.charAt(0)) || !alphanumeric(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (c != '-' && c != '_' && c != '.' && !alphanumeric(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@link Names#LABEL_VALUE_FMT}: empty, or a qualified name. */
  static boolean labelValue(String s) {
    return s.isEmpty() || qualifiedName(s);
  }

  /** {@link Names#CONFIG_MAP_KEY_FMT}: {@code [-._a-zA-Z0-9]+}. */
  static boolean configMapKey(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '-' && c != '_' && c != '.' && !alphanumeric(c)) {
        return false;
      }
    }
    return true;
  }
}
