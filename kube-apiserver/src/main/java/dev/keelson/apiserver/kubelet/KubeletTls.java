package dev.keelson.apiserver.kubelet;

import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.client.tls.SingleKeyManager;
import dev.keelson.client.tls.TrustEverything;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for connections to kubelets: the API server's client certificate
 * (kube-apiserver's {@code --kubelet-client-certificate}), and trust in the cluster CA ({@code
 * --kubelet-certificate-authority}) or in nothing at all when verification is skipped.
 */
final class KubeletTls {
  private KubeletTls() {}

  /**
   * @param clusterCa the CA that signs kubelet serving certificates, or {@code null} for the JDK's
   *     default trust
   * @param client the client certificate, or {@code null} for none
   * @param insecure trust any certificate, for any host
   */
  static SSLContext context(X509Certificate clusterCa, IssuedCertificate client, boolean insecure) {
    try {
      KeyManager[] keys = null;
      if (client != null) {
        keys = new KeyManager[] {new SingleKeyManager(client.privateKey(), client.certificate())};
      }
      TrustManager[] trust = null;
      if (insecure) {
        trust = new TrustManager[] {new TrustEverything()};
      } else if (clusterCa != null) {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("cluster-ca", clusterCa);
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        trust = tmf.getTrustManagers();
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keys, trust, null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up TLS to kubelets: " + e.getMessage(), e);
    }
  }
}
