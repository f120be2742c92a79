package dev.keelson.apiserver.auth.authn;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Client certificates signed by the cluster CA: the subject's common name is the user, its
 * organizations are the groups (Kubernetes' x509 authenticator). The TLS layer only asks for the
 * certificate; this verifies the chain (signature, validity, client-auth usage).
 */
public final class X509Authenticator implements Authenticator {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  /** How many verified certificates are remembered (then the memory starts over). */
  private static final int VERIFIED_CACHE = 1024;

  private final X509Certificate ca;
  private final InstantSource clock;
  private final java.util.concurrent.ConcurrentHashMap<X509Certificate, UserInfo> verified =
      new java.util.concurrent.ConcurrentHashMap<>();

  public X509Authenticator(X509Certificate ca, InstantSource clock) {
    this.ca = ca;
    this.clock = clock;
  }

  @Override
  public Optional<UserInfo> authenticate(Credentials credentials) {
    List<X509Certificate> chain = credentials.clientCertificates();
    if (chain.isEmpty()) {
      return Optional.empty();
    }
    X509Certificate leaf = chain.get(0);
    UserInfo known = chain.size() == 1 ? verified.get(leaf) : null;
    if (known != null) {
      // The same certificate verified before: only its validity period can have changed.
      Date now = Date.from(clock.instant());
      if (now.before(leaf.getNotBefore()) || now.after(leaf.getNotAfter())) {
        verified.remove(leaf);
        throw new InvalidCredentialsException("x509: certificate has expired or is not yet valid");
      }
      return Optional.of(known);
    }
    verify(chain);
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains("2.5.29.37.0")) {
        throw new InvalidCredentialsException("x509: certificate is not for client auth");
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new InvalidCredentialsException("x509: bad extended key usage");
    }
    String cn = null;
    List<String> orgs = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn = String.valueOf(rdn.getValue());
        } else if (rdn.getType().equalsIgnoreCase("O")) {
          orgs.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      throw new InvalidCredentialsException("x509: bad subject");
    }
    if (cn == null || cn.isEmpty()) {
      throw new InvalidCredentialsException("x509: subject has no common name");
    }
    // LdapName lists RDNs last-first; keep the certificate's order of organizations.
    java.util.Collections.reverse(orgs);
    UserInfo user = UserInfo.authenticated(cn, "", orgs, Map.of());
    if (chain.size() == 1) {
      if (verified.size() >= VERIFIED_CACHE) {
        verified.clear();
      }
      verified.put(leaf, user);
    }
    return Optional.of(user);
  }

  private void verify(List<X509Certificate> chain) {
    try {
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
      params.setRevocationEnabled(false);
      params.setDate(Date.from(clock.instant()));
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      List<X509Certificate> path = new ArrayList<>(chain);
      path.removeIf(c -> c.equals(ca));
      CertPathValidator.getInstance("PKIX").validate(f.generateCertPath(path), params);
    } catch (CertPathValidatorException e) {
      throw new InvalidCredentialsException(
          "x509: certificate signed by unknown authority or not valid: " + e.getReason());
    } catch (java.security.GeneralSecurityException e) {
      throw new InvalidCredentialsException("x509: cannot verify: " + e.getMessage());
    }
  }

  /** The provider ({@code x509}): on when the server has a CA. */
  public static final class Provider implements AuthenticatorProvider {
    @Override
    public String name() {
      return "x509";
    }

    @Override
    public Optional<Authenticator> create(AuthenticatorContext context) {
      return context.clientCa() == null
          ? Optional.empty()
          : Optional.of(
              new X509Authenticator(context.clientCa(), context.serviceAccounts().clock()));
    }
  }
}
