package dev.keelson.net.proxy.iptables;

import dev.keelson.net.proxy.ProxyEndpoint;
import dev.keelson.net.proxy.ServicePortName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * kube-proxy's chain names: a prefix and the first 16 characters of the base32 SHA-256 of the
 * service port name and protocol (and, for endpoint chains, the endpoint's {@code ip:port}), so
 * that the same service gets the same chains in every kube-proxy and across restarts.
 */
public final class ChainNames {
  private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is always present", e);
            }
          });

  private ChainNames() {}

  /** {@code KUBE-SVC-...}: load-balances a service port over its endpoints. */
  public static String service(ServicePortName name, String protocol) {
    return "KUBE-SVC-" + hash(name + protocol.toLowerCase(Locale.ROOT));
  }

  /** {@code KUBE-EXT-...}: traffic to a service port from outside (node ports). */
  public static String external(ServicePortName name, String protocol) {
    return "KUBE-EXT-" + hash(name + protocol.toLowerCase(Locale.ROOT));
  }

  /** {@code KUBE-SEP-...}: DNATs to one endpoint of a service port. */
  public static String endpoint(ServicePortName name, String protocol, ProxyEndpoint endpoint) {
    return "KUBE-SEP-" + hash(name + protocol.toLowerCase(Locale.ROOT) + endpoint.address());
  }

  static String hash(String s) {
    byte[] digest = SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8));
    // 16 base32 characters are 80 bits: the first 10 bytes.
    StringBuilder out = new StringBuilder(16);
    long bits = 0;
    int count = 0;
    for (int i = 0; i < 10; i++) {
      bits = (bits << 8) | (digest[i] & 0xff);
      count += 8;
      while (count >= 5) {
        out.append(BASE32[(int) ((bits >> (count - 5)) & 31)]);
        count -= 5;
      }
    }
    return out.toString();
  }
}
