package dev.keelson.node;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The TLS material of the node's HTTPS endpoint (kubelet's {@code --tls-cert-file}, {@code
 * --tls-private-key-file} and {@code --client-ca-file}).
 *
 * @param privateKey the serving certificate's key
 * @param certificateChain the serving certificate (signed by the cluster CA, naming the node's
 *     address), then any intermediates
 * @param clientCertificateAuthorities the CAs whose client certificates are accepted (the cluster
 *     CA, which signs the API server's {@code kube-apiserver-kubelet-client} certificate)
 */
public record NodeServing(
    PrivateKey privateKey,
    List<X509Certificate> certificateChain,
    List<X509Certificate> clientCertificateAuthorities) {
  /** Checks and copies. */
  public NodeServing {
    Objects.requireNonNull(privateKey, "privateKey");
    certificateChain = List.copyOf(certificateChain);
    clientCertificateAuthorities = List.copyOf(clientCertificateAuthorities);
    if (certificateChain.isEmpty() || clientCertificateAuthorities.isEmpty()) {
      throw new IllegalArgumentException("a serving certificate and a client CA are required");
    }
  }
}
