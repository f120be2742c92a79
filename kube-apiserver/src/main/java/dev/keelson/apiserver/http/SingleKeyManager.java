package dev.keelson.apiserver.http;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's one key and certificate chain, handed to TLS directly. Netty's {@code forServer(key,
 * chain)} goes through a PKCS #12 key store, which encrypts and decrypts the key with 10,000 rounds
 * of PBKDF2 each: most of a warm server start.
 */
final class SingleKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "serving";

  private final PrivateKey key;
  private final X509Certificate[] chain;

  SingleKeyManager(PrivateKey key, X509Certificate... chain) {
    if (chain.length == 0) {
      throw new IllegalArgumentException("a serving certificate is needed");
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
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
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
