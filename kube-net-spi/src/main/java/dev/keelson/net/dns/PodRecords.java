package dev.keelson.net.dns;

/** How {@code a-b-c-d.<ns>.pod.<zone>} names are answered (CoreDNS's {@code pods} option). */
public enum PodRecords {
  /** Pod names do not exist (NXDOMAIN). */
  DISABLED,
  /** Any well-formed dashed address answers with that address (the kubeadm default). */
  INSECURE,
  /** Answers only when a Pod with that IP exists in that namespace. */
  VERIFIED
}
