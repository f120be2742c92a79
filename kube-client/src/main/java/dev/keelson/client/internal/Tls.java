package dev.keelson.client.internal;

import dev.keelson.client.tls.SingleKeyManager;
import dev.keelson.client.tls.TrustEverything;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds {@link SSLContext}s from a kubeconfig's CA, client certificate and key, in memory. */
public final class Tls {
  private Tls() {}

  /**
   * A TLS context.
   *
   * @param cas certificates to trust; {@code null} or empty for the JDK's default trust store
   * @param clientChain the client certificate (and chain), or {@code null}
   * @param clientKey its private key, or {@code null}
   * @param insecure trust any server certificate (kubeconfig's insecure-skip-tls-verify)
   * @param serverName check the server's certificate against this name instead of the URL's host
   */
  public static SSLContext context(
      List<X509Certificate> cas,
      List<X509Certificate> clientChain,
      PrivateKey clientKey,
      boolean insecure,
      String serverName)
      throws GeneralSecurityException {
    KeyManager[] keys = null;
    if (clientChain != null && clientKey != null) {
      keys =
          new KeyManager[] {
            new SingleKeyManager(clientKey, clientChain.toArray(new X509Certificate[0]))
          };
    }
    TrustManager[] trust;
    if (insecure) {
      trust = new TrustManager[] {new TrustEverything()};
    } else {
      KeyStore ts = null;
      if (cas != null && !cas.isEmpty()) {
        ts = KeyStore.getInstance("PKCS12");
        try {
          ts.load(null, null);
        } catch (java.io.IOException e) {
          throw new GeneralSecurityException(e);
        }
        int i = 0;
        for (X509Certificate c : cas) {
          ts.setCertificateEntry("ca-" + i++, c);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      trust = tmf.getTrustManagers();
      if (serverName != null && !serverName.isEmpty()) {
        trust = new TrustManager[] {new NamedServer(defaultTrust(trust), serverName)};
      }
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(keys, trust, null);
    return ctx;
  }

  private static X509TrustManager defaultTrust(TrustManager[] managers) {
    for (TrustManager t : managers) {
      if (t instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("no X509TrustManager");
  }

  /**
   * Verifies the chain with the delegate and the server name against {@code tls-server-name}
   * (subject alternative names, DNS with a leading wildcard label, or IP) instead of the URL's
   * host.
   */
  private static final class NamedServer extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private final String name;

    NamedServer(X509TrustManager delegate, String name) {
      this.delegate = delegate;
      this.name = name.toLowerCase(Locale.ROOT);
    }

    private void check(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkServerTrusted(chain, authType);
      if (!matches(chain[0])) {
        throw new CertificateException("server certificate does not name " + name);
      }
    }

    private boolean matches(X509Certificate cert) throws CertificateParsingException {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      boolean ip = name.matches("[0-9.]+") || name.contains(":");
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
        if (ip && type == 7) {
          try {
            if (InetAddress.getByName(value).equals(InetAddress.getByName(name))) {
              return true;
            }
          } catch (java.net.UnknownHostException e) {
            // not an address
          }
        } else if (!ip && type == 2) {
          if (value.equals(name)) {
            return true;
          }
          if (value.startsWith("*.")) {
            int dot = name.indexOf('.');
            if (dot > 0 && name.substring(dot).equals(value.substring(1))) {
              return true;
            }
          }
        }
      }
      return false;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      check(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      check(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      check(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }
}
