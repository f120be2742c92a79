package dev.keelson.apiserver;

import dev.keelson.apiserver.tls.IssuedCertificate;
import java.util.function.Supplier;

/**
 * A certificate issued on first use, once (thread-safe): client certificates that a server may
 * never hand out (the admin's, for a kubeconfig; its own kubelet client certificate, for the first
 * pod log or exec) are not worth a key pair and a signature at every start.
 */
final class LazyCertificate implements Supplier<IssuedCertificate> {
  private Supplier<IssuedCertificate> issue;
  private volatile IssuedCertificate issued;

  LazyCertificate(Supplier<IssuedCertificate> issue) {
    this.issue = issue;
  }

  @Override
  public IssuedCertificate get() {
    IssuedCertificate c = issued;
    if (c == null) {
      synchronized (this) {
        c = issued;
        if (c == null) {
          c = issue.get();
          issued = c;
          issue = null;
        }
      }
    }
    return c;
  }
}
