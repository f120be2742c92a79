package dev.keelson.client.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * One key and its certificate chain, handed to TLS directly, for a server (its serving certificate)
 * or a client (its client certificate). The usual route, a PKCS #12 key store and a {@code
 * KeyManagerFactory}, encrypts and decrypts the key with 10,000 rounds of PBKDF2 each: tens of
 * milliseconds per context, most of a warm server start.
 */
public final class SingleKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "single";

  private final PrivateKey key;
  private final X509Certificate[] chain;

  /** The key and its chain, leaf certificate first. */
  public SingleKeyManager(PrivateKey key, X509Certificate... chain) {
    if (chain.length == 0) {
      throw new IllegalArgumentException("a certificate is needed");
    }
    this.key = key;
    this.chain = chain.clone();
  }

  private String alias(String keyType) {
    return keyType != null && keyType.equalsIgnoreCase(key.getAlgorithm()) ? ALIAS : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String a = alias(keyType);
    return a == null ? null : new String[] {a};
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    String a = alias(keyType);
    return a == null ? null : new String[] {a};
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
    return chooseAny(keyTypes);
  }

  @Override
  public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
    return chooseAny(keyTypes);
  }

  private String chooseAny(String[] keyTypes) {
    if (keyTypes != null) {
      for (String t : keyTypes) {
        String a = alias(t);
        if (a != null) {
          return a;
        }
      }
    }
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return ALIAS.equals(alias) ? chain.clone() : null;
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return ALIAS.equals(alias) ? key : null;
  }
}
