package dev.keelson.node.internal;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodDNSConfig;
import dev.keelson.api.core.v1.PodDNSConfigOption;
import dev.keelson.controller.events.EventRecorder;
import dev.keelson.node.spi.DnsConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pod's DNS settings from its {@code dnsPolicy}, as kubelet forms them: {@code ClusterFirst}
 * (cluster DNS servers, searches {@code <ns>.svc.<domain> svc.<domain> <domain>} plus the host's,
 * {@code ndots:5}); {@code ClusterFirst} with host network, or without cluster DNS configured,
 * falls back to {@code Default} (the host's resolv.conf); {@code ClusterFirstWithHostNet} is
 * ClusterFirst for host-network pods too; {@code None} starts empty. {@code dnsConfig} is merged on
 * top (servers and searches appended without duplicates, options merged by name), then cut to 3
 * nameservers and 32 search domains (2048 characters) with a {@code DNSConfigForming} event.
 */
final class DnsConfigurer {
  static final int MAX_NAMESERVERS = 3;
  static final int MAX_SEARCHES = 32;
  static final int MAX_SEARCH_CHARS = 2048;

  private final List<String> clusterDns;
  private final String clusterDomain;
  private final Path hostResolvConf;
  private final EventRecorder events;

  DnsConfigurer(
      List<String> clusterDns, String clusterDomain, Path hostResolvConf, EventRecorder events) {
    this.clusterDns = clusterDns;
    this.clusterDomain = clusterDomain;
    this.hostResolvConf = hostResolvConf;
    this.events = events;
  }

  /** The host's resolv.conf as servers, searches and options (empty when there is none). */
  DnsConfig host() {
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    List<String> options = new ArrayList<>();
    if (hostResolvConf == null || hostResolvConf.toString().isEmpty()) {
      return new DnsConfig(servers, searches, options);
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(hostResolvConf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return new DnsConfig(servers, searches, options);
    }
    for (String raw : lines) {
      int hash = raw.indexOf('#');
      String line = hash >= 0 ? raw.substring(0, hash) : raw;
      int semi = line.indexOf(';');
      line = semi >= 0 ? line.substring(0, semi) : line;
      String[] f = line.trim().split("\\s+");
      if (f.length == 0 || f[0].isEmpty()) {
        continue;
      }
      switch (f[0]) {
        case "nameserver" -> {
          if (f.length > 1) {
            servers.add(f[1]);
          }
        }
        case "search", "domain" -> {
          searches.clear();
          for (int i = 1; i < f.length; i++) {
            searches.add(f[i].endsWith(".") ? f[i].substring(0, f[i].length() - 1) : f[i]);
          }
        }
        case "options" -> {
          for (int i = 1; i < f.length; i++) {
            options.add(f[i]);
          }
        }
        default -> {}
      }
    }
    return new DnsConfig(servers, searches, options);
  }

  /** The pod's DNS config. */
  DnsConfig forPod(Pod pod) {
    String policy = pod.spec().dnsPolicy() == null ? "ClusterFirst" : pod.spec().dnsPolicy();
    boolean hostNetwork = Boolean.TRUE.equals(pod.spec().hostNetwork());
    String type =
        switch (policy) {
          case "ClusterFirstWithHostNet" -> "cluster";
          case "ClusterFirst" -> hostNetwork ? "host" : "cluster";
          case "None" -> "none";
          default -> "host";
        };
    if (type.equals("cluster") && clusterDns.isEmpty()) {
      events.warning(
          pod,
          "MissingClusterDNS",
          "pod: \""
              + pod.metadata().name()
              + "_"
              + pod.metadata().namespace()
              + "("
              + pod.metadata().uid()
              + ")\". kubelet does not have ClusterDNS IP configured and cannot create Pod using \""
              + policy
              + "\" policy. Falling back to \"Default\" policy.");
      type = "host";
    }
    List<String> servers = new ArrayList<>();
    List<String> searches = new ArrayList<>();
    Map<String, String> options = new LinkedHashMap<>();
    switch (type) {
      case "cluster" -> {
        DnsConfig h = host();
        servers.addAll(clusterDns);
        if (!clusterDomain.isEmpty()) {
          String ns = pod.metadata().namespace();
          searches.add(ns + ".svc." + clusterDomain);
          searches.add("svc." + clusterDomain);
          searches.add(clusterDomain);
        }
        searches.addAll(h.searches());
        options.put("ndots", "5");
      }
      case "host" -> {
        DnsConfig h = host();
        servers.addAll(h.servers());
        searches.addAll(h.searches());
        for (String o : h.options()) {
          putOption(options, o);
        }
      }
      default -> {}
    }
    PodDNSConfig extra = pod.spec().dnsConfig();
    if (extra != null) {
      servers.addAll(extra.nameservers());
      searches.addAll(extra.searches());
      for (PodDNSConfigOption o : extra.options()) {
        options.put(o.name(), o.value() == null ? "" : o.value());
      }
    }
    List<String> uniqueServers = new ArrayList<>(new LinkedHashSet<>(servers));
    List<String> uniqueSearches = new ArrayList<>(new LinkedHashSet<>(searches));
    if (uniqueServers.size() > MAX_NAMESERVERS) {
      uniqueServers = new ArrayList<>(uniqueServers.subList(0, MAX_NAMESERVERS));
      events.warning(
          pod,
          "DNSConfigForming",
          "Nameserver limits were exceeded, some nameservers have been omitted, the applied"
              + " nameserver line is: "
              + String.join(" ", uniqueServers));
    }
    boolean cut = false;
    if (uniqueSearches.size() > MAX_SEARCHES) {
      uniqueSearches = new ArrayList<>(uniqueSearches.subList(0, MAX_SEARCHES));
      cut = true;
    }
    while (String.join(" ", uniqueSearches).length() > MAX_SEARCH_CHARS) {
      uniqueSearches.remove(uniqueSearches.size() - 1);
      cut = true;
    }
    if (cut) {
      events.warning(
          pod,
          "DNSConfigForming",
          "Search Line limits were exceeded, some search paths have been omitted, the applied"
              + " search line is: "
              + String.join(" ", uniqueSearches));
    }
    List<String> opts = new ArrayList<>();
    options.forEach((k, v) -> opts.add(v.isEmpty() ? k : k + ":" + v));
    return new DnsConfig(uniqueServers, uniqueSearches, opts);
  }

  private static void putOption(Map<String, String> options, String o) {
    int colon = o.indexOf(':');
    if (colon >= 0) {
      options.put(o.substring(0, colon), o.substring(colon + 1));
    } else {
      options.put(o, "");
    }
  }

  /** Writes the config as {@code resolv.conf} in {@code podDir}; answers the file. */
  static Path write(Path podDir, DnsConfig config) throws IOException {
    Files.createDirectories(podDir);
    Path f = podDir.resolve("resolv.conf");
    Path tmp = podDir.resolve(".resolv.conf.tmp");
    Files.writeString(tmp, config.resolvConf(), StandardCharsets.UTF_8);
    Files.move(
        tmp,
        f,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return f;
  }
}
