package dev.keelson.node.spi;

/**
 * CRI {@code StatusResponse}'s two conditions.
 *
 * @param runtimeReady RuntimeReady
 * @param networkReady NetworkReady
 * @param reason why a condition is false (e.g. {@code NetworkPluginNotReady}), empty if both true
 * @param message details for {@code reason}
 */
public record RuntimeStatus(
    boolean runtimeReady, boolean networkReady, String reason, String message) {
  /** Both conditions true. */
  public static RuntimeStatus ready() {
    return new RuntimeStatus(true, true, "", "");
  }
}
