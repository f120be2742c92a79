package dev.keelson.net.cni;

/**
 * An interface a plugin created or configured ({@code interfaces[]} of a result).
 *
 * @param name the interface name
 * @param mac the hardware address, "" when not meaningful
 * @param sandbox the network namespace path for interfaces inside the sandbox, "" for host ones
 */
public record CniInterface(String name, String mac, String sandbox) {
  /** Normalizes nulls to "". */
  public CniInterface {
    name = name == null ? "" : name;
    mac = mac == null ? "" : mac;
    sandbox = sandbox == null ? "" : sandbox;
  }

  /** Whether the interface lives in the sandbox (has a sandbox path). */
  public boolean inSandbox() {
    return !sandbox.isEmpty();
  }
}
