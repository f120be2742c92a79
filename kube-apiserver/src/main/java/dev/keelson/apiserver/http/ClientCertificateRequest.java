package dev.keelson.apiserver.http;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.X509TrustManager;

/**
 * The trust manager of a server that asks for client certificates of some CAs but leaves their
 * verification to request authentication, as kube-apiserver does ({@code RequestClientCert}): a
 * certificate of another CA does not fail the handshake, it fails authentication with a 401.
 */
final class ClientCertificateRequest implements X509TrustManager {
  private final X509Certificate[] issuers;

  ClientCertificateRequest(List<X509Certificate> issuers) {
    this.issuers = issuers.toArray(X509Certificate[]::new);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // verified per request by the x509 authenticator
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {
    throw new UnsupportedOperationException("a server trust manager");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return issuers.clone();
  }
}
