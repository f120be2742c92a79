package dev.keelson.net.cni;

/**
 * The CNI spec's well-known error codes (0-99 reserved by the spec, 100+ plugin specific), plus
 * {@link #RUNTIME} for failures Keelson detects itself (missing plugin, timeout, unreadable
 * output).
 */
public enum CniErrorCode {
  /** Detected by the runtime, not reported by a plugin. */
  RUNTIME(0),
  /** Incompatible CNI version. */
  INCOMPATIBLE_VERSION(1),
  /** Unsupported field in the network configuration. */
  UNSUPPORTED_FIELD(2),
  /** Container unknown or does not exist. */
  CONTAINER_UNKNOWN(3),
  /** Invalid necessary environment variables. */
  INVALID_ENVIRONMENT(4),
  /** I/O failure. */
  IO_FAILURE(5),
  /** Failed to decode content. */
  DECODE_FAILURE(6),
  /** Invalid network configuration. */
  INVALID_NETWORK_CONFIG(7),
  /** Try again later. */
  TRY_AGAIN_LATER(11),
  /** CNI 1.1 STATUS: the plugin is not available. */
  PLUGIN_NOT_AVAILABLE(50),
  /** CNI 1.1 STATUS: the plugin is not available, existing containers may lose connectivity. */
  PLUGIN_NOT_AVAILABLE_LIMITED_CONNECTIVITY(51),
  /** Any other code: 12-99 (reserved) or 100+ (plugin specific). */
  OTHER(-1);

  private final int code;

  CniErrorCode(int code) {
    this.code = code;
  }

  /** The numeric code, -1 for {@link #OTHER}. */
  public int code() {
    return code;
  }

  /** The well-known constant for a numeric code, {@link #OTHER} when it has none. */
  public static CniErrorCode of(int code) {
    for (CniErrorCode c : values()) {
      if (c.code == code && c != OTHER) {
        return c;
      }
    }
    return OTHER;
  }
}
