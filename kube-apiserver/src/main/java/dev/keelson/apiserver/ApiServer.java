package dev.keelson.apiserver;

import dev.keelson.apiserver.http.HttpServer;
import dev.keelson.apiserver.rest.ResourceHandler;
import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.apiserver.tls.IssuedCertificate;
import dev.keelson.store.Store;
import dev.keelson.store.Stores;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes-compatible API server.
 *
 * <p>Serves the HTTP/TLS layer, {@code /version}, the health endpoints and the resource API (get,
 * list, watch, create, update, patch, delete) for the registry's resources, from the configured
 * store. Discovery, OpenAPI and tables are being built on top (see the project's issues).
 */
public final class ApiServer implements AutoCloseable {
  /** The user of the admin credentials: in group {@code system:masters}, as kubeadm does. */
  public static final String ADMIN_USER = "kubernetes-admin";

  private final ApiServerConfig config;
  private final CertificateAuthority ca;
  private final IssuedCertificate admin;
  private final HttpServer http;
  private final Store store;
  private final ResourceHandler resources;

  private ApiServer(ApiServerConfig config) {
    this.config = config;
    this.store = Stores.open(config.storeUri());
    this.resources = new ResourceHandler(config.registry(), store, config.clock());
    try {
      resources.ensureSystemNamespaces();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    Routes routes = new Routes(resources);
    if (config.tls()) {
      this.ca =
          config.certificateAuthority() != null
              ? config.certificateAuthority()
              : CertificateAuthority.generate("keelson-ca", Duration.ofDays(3650), config.clock());
      IssuedCertificate serving =
          ca.issueServer("kube-apiserver", dnsNames(), addresses(), Duration.ofDays(365));
      this.admin = ca.issueClient(ADMIN_USER, List.of("system:masters"), Duration.ofDays(365));
      this.http = HttpServer.start(config.http(serving), routes);
    } else {
      this.ca = null;
      this.admin = null;
      this.http = HttpServer.start(config.http(null), routes);
    }
  }

  /** Starts a server; returns once it is listening. */
  public static ApiServer start(ApiServerConfig config) {
    return new ApiServer(config);
  }

  /** The URL clients use, for example {@code https://127.0.0.1:6443}. */
  public URI url() {
    String host = config.bindAddress().getHostAddress();
    if (config.bindAddress().isAnyLocalAddress()) {
      host = "127.0.0.1";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create((config.tls() ? "https" : "http") + "://" + host + ":" + http.port());
  }

  public int port() {
    return http.port();
  }

  /** The CA clients must trust, or {@code null} without TLS. */
  public CertificateAuthority certificateAuthority() {
    return ca;
  }

  /** A kubeconfig for the cluster administrator. */
  public Kubeconfig adminKubeconfig(String name) {
    return new Kubeconfig(
        name, url(), ca == null ? null : ca.certificate().certificate(), admin, null);
  }

  @Override
  public void close() {
    http.close();
    resources.close();
    store.close();
  }

  private List<String> dnsNames() {
    Set<String> names =
        new LinkedHashSet<>(List.of("localhost", "kubernetes", "kubernetes.default"));
    for (String n : config.extraServerNames()) {
      if (!looksLikeAddress(n)) {
        names.add(n);
      }
    }
    return new ArrayList<>(names);
  }

  private List<InetAddress> addresses() {
    Set<InetAddress> out = new LinkedHashSet<>();
    try {
      out.add(InetAddress.getByName("127.0.0.1"));
      out.add(InetAddress.getByName("::1"));
      if (!config.bindAddress().isAnyLocalAddress()) {
        out.add(config.bindAddress());
      }
      for (String n : config.extraServerNames()) {
        if (looksLikeAddress(n)) {
          out.add(InetAddress.getByName(n));
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad address: " + e.getMessage(), e);
    }
    return new ArrayList<>(out);
  }

  private static boolean looksLikeAddress(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }
}
