package dev.keelson.net.cni;

/**
 * A CNI failure: a plugin's error result ({@code code}, {@code msg}, {@code details}) or a failure
 * the runtime detected itself ({@link CniErrorCode#RUNTIME}).
 */
public class CniException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String msg;
  private final String details;
  private final String plugin;

  /**
   * Creates the exception.
   *
   * @param code the numeric code (0 for runtime-side failures)
   * @param msg the short message
   * @param details the long message, "" when none
   * @param plugin the plugin type that failed, "" when not tied to one
   */
  public CniException(int code, String msg, String details, String plugin) {
    this(code, msg, details, plugin, null);
  }

  /** Creates the exception with a cause. */
  public CniException(int code, String msg, String details, String plugin, Throwable cause) {
    super(describe(code, msg, details, plugin), cause);
    this.code = code;
    this.msg = msg == null ? "" : msg;
    this.details = details == null ? "" : details;
    this.plugin = plugin == null ? "" : plugin;
  }

  /** A runtime-side failure (code 0). */
  static CniException runtime(String plugin, String msg, Throwable cause) {
    return new CniException(0, msg, "", plugin, cause);
  }

  private static String describe(int code, String msg, String details, String plugin) {
    StringBuilder b = new StringBuilder();
    if (plugin != null && !plugin.isEmpty()) {
      b.append("CNI plugin ").append(plugin).append(": ");
    } else {
      b.append("CNI: ");
    }
    b.append(msg);
    if (details != null && !details.isEmpty()) {
      b.append(" (").append(details).append(')');
    }
    if (code != 0) {
      b.append(" [code ").append(code).append(']');
    }
    return b.toString();
  }

  /** The numeric code as reported (0 for runtime-side failures). */
  public int code() {
    return code;
  }

  /** The well-known meaning of {@link #code()}. */
  public CniErrorCode errorCode() {
    return CniErrorCode.of(code);
  }

  /** The short message. */
  public String msg() {
    return msg;
  }

  /** The long message, "" when none. */
  public String details() {
    return details;
  }

  /** The plugin type that failed, "" when not tied to one. */
  public String plugin() {
    return plugin;
  }
}
