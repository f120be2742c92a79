package dev.keelson.scheduler.framework;

import java.util.List;
import java.util.Objects;

/**
 * What a plugin call returned: a {@link Code}, the reasons (kube-scheduler's wording, counted per
 * node in the "0/N nodes are available" message) and the plugin that said it.
 *
 * @param code the outcome
 * @param reasons human-readable reasons, never null
 * @param plugin the plugin that returned it, or {@code ""}
 */
public record Status(Code code, List<String> reasons, String plugin) {
  private static final Status OK = new Status(Code.SUCCESS, List.of(), "");
  private static final Status SKIPPED = new Status(Code.SKIP, List.of(), "");

  /** Normalises nulls. */
  public Status {
    Objects.requireNonNull(code, "code");
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
    plugin = plugin == null ? "" : plugin;
  }

  /** Success. */
  public static Status success() {
    return OK;
  }

  /** Skip. */
  public static Status skip() {
    return SKIPPED;
  }

  /** A status of {@code code} with these reasons. */
  public static Status of(Code code, String... reasons) {
    return new Status(code, List.of(reasons), "");
  }

  /** An internal error. */
  public static Status error(String message) {
    return of(Code.ERROR, message);
  }

  /** Unschedulable (preemption may help). */
  public static Status unschedulable(String... reasons) {
    return of(Code.UNSCHEDULABLE, reasons);
  }

  /** Unschedulable and unresolvable (preemption cannot help). */
  public static Status unresolvable(String... reasons) {
    return of(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reasons);
  }

  /** This status attributed to {@code pluginName}. */
  public Status withPlugin(String pluginName) {
    return new Status(code, reasons, pluginName);
  }

  /** True for {@link Code#SUCCESS}. */
  public boolean isSuccess() {
    return code == Code.SUCCESS;
  }

  /** True for both unschedulable codes. */
  public boolean isRejected() {
    return code == Code.UNSCHEDULABLE || code == Code.UNSCHEDULABLE_AND_UNRESOLVABLE;
  }

  /** The reasons joined with ", ". */
  public String message() {
    return String.join(", ", reasons);
  }
}
