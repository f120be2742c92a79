package dev.keelson.net.cni;

/** A network configuration (list) the runtime rejects before running any plugin (code 7). */
public final class InvalidNetworkConfigException extends CniException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; {@code source} names the file or origin of the configuration. */
  public InvalidNetworkConfigException(String source, String msg) {
    super(
        CniErrorCode.INVALID_NETWORK_CONFIG.code(),
        "invalid network configuration " + source + ": " + msg,
        "",
        "");
  }
}
