package dev.keelson.benchmarks.apiserver;

import dev.keelson.api.core.v1.Namespace;
import dev.keelson.apiserver.ApiServer;
import dev.keelson.apiserver.ApiServerConfig;
import dev.keelson.apiserver.tls.CertificateAuthority;
import dev.keelson.client.KubeClient;
import dev.keelson.client.ListOptions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Start-up of an API server in a warm JVM (memory store), as a test kit that starts one server per
 * test pays it: {@code start} until {@code ApiServer.start} returns; {@code startAndList} until the
 * first in-process list of namespaces has answered. Variants ({@code mode}): {@code none} (no
 * network listener, the in-process path), and the peers {@code plain} (an HTTP listener on a free
 * loopback port) and {@code tls} (HTTPS: a serving and an admin certificate issued by a CA made
 * once per trial, as a kit that shares one CA does) and {@code tls-new-ca} (a fresh CA per server,
 * {@code ApiServerConfig.loopback(0)} as is). Each server is closed after its invocation, outside
 * the measurement. Sampled (p50 and p90 are the figures to read: on a shared machine the mean
 * follows the slowest samples).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ApiServerStartBenchmark {
  @Param({"none", "plain", "tls", "tls-new-ca"})
  public String mode;

  private ApiServerConfig config;
  private ApiServer server;

  @Setup(Level.Trial)
  public void configure() {
    ApiServerConfig base = ApiServerConfig.loopback(0);
    config =
        switch (mode) {
          case "none" -> base.withoutListener();
          case "plain" -> base.plain();
          case "tls" ->
              base.withCertificateAuthority(
                  CertificateAuthority.generate(
                      "bench-ca", Duration.ofDays(1), InstantSource.system()));
          case "tls-new-ca" -> base;
          default -> throw new IllegalArgumentException(mode);
        };
  }

  @TearDown(Level.Invocation)
  public void closeServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Benchmark
  public ApiServer start() {
    server = ApiServer.start(config);
    return server;
  }

  @Benchmark
  public int startAndList() {
    server = ApiServer.start(config);
    try (KubeClient client = server.inProcessClient()) {
      return client.resources(Namespace.class).list(ListOptions.none()).items().size();
    }
  }
}
