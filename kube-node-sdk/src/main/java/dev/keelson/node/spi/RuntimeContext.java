package dev.keelson.node.spi;

import dev.keelson.controller.time.Clock;
import java.util.Objects;

/**
 * What a provider gets to build a runtime for one node.
 *
 * @param nodeName the node's name
 * @param clock the clock every runtime timer uses
 * @param endpoint where the runtime is (for {@code cri}: {@code
 *     unix:///run/containerd/containerd.sock}), empty for runtimes that need none
 */
public record RuntimeContext(String nodeName, Clock clock, String endpoint) {
  /** Checks the fields. */
  public RuntimeContext {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(clock, "clock");
    endpoint = endpoint == null ? "" : endpoint;
  }
}
