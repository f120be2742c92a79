package dev.keelson.api.registry;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes' version priority ("kube-aware" ordering): {@code v2 > v1 > v1beta2 > v1beta1 >
 * v1alpha1}, and versions that do not look like {@code v<N>[alpha|beta<M>]} after all of those, in
 * alphabetical order. The first version of a group in this order is its preferred version.
 */
final class VersionPriority {
  private VersionPriority() {}

  private static final Pattern KUBE =
      Pattern.compile("v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*)?)?");

  /** Highest priority first. */
  static final Comparator<String> ORDER = VersionPriority::compare;

  static int compare(String a, String b) {
    Matcher ma = KUBE.matcher(a);
    Matcher mb = KUBE.matcher(b);
    boolean ka = ma.matches();
    boolean kb = mb.matches();
    if (!ka || !kb) {
      if (ka != kb) {
        return ka ? -1 : 1;
      }
      return a.compareTo(b);
    }
    int stage = Integer.compare(stage(mb.group(2)), stage(ma.group(2)));
    if (stage != 0) {
      return stage;
    }
    int major = Long.compare(Long.parseLong(mb.group(1)), Long.parseLong(ma.group(1)));
    if (major != 0) {
      return major;
    }
    return Long.compare(minor(mb.group(3)), minor(ma.group(3)));
  }

  private static int stage(String s) {
    return s == null ? 2 : s.equals("beta") ? 1 : 0;
  }

  private static long minor(String s) {
    return s == null ? 0 : Long.parseLong(s);
  }
}
