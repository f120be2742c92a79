package dev.keelson.store.internal.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the jetcd client of an {@link EtcdStore} from {@link EtcdOptions}: endpoints, deadlines on
 * every unary call, keepalive, credentials and TLS.
 */
final class EtcdClients {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private EtcdClients() {}

  /** A jetcd client for {@code options}, running its calls on {@code executor}. */
  static Client build(EtcdOptions options, ExecutorService executor) {
    Duration timeout = options.requestTimeout();
    ClientBuilder builder =
        Client.builder()
            .endpoints(options.endpointUris())
            .executorService(executor)
            .connectTimeout(
                timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5))
            .retryMaxDuration(timeout)
            // Keepalive pings find dead connections under long-lived watch streams. Not without
            // calls: etcd's server policy (PermitWithoutStream=false, min 5 s) answers idle pings
            // with GOAWAY too_many_pings, which costs a reconnect.
            .keepaliveTime(Duration.ofSeconds(10))
            .keepaliveTimeout(Duration.ofSeconds(5))
            .keepaliveWithoutCalls(false)
            // etcd answers ranges up to its own limits; accept what a full page of 1.5 MiB values
            // can be (the default of 4 MiB would fail large lists).
            .maxInboundMessageSize(256 * 1024 * 1024)
            .interceptor(new DeadlineInterceptor(timeout));
    options
        .credentials()
        .ifPresent(
            c ->
                builder
                    .user(ByteSequence.from(c.username(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(c.password(), StandardCharsets.UTF_8)));
    options.authority().ifPresent(builder::authority);
    if (options.tls().isPresent()) {
      var tls = options.tls().get();
      try {
        SslContextBuilder ssl =
            GrpcSslContexts.forClient().trustManager(tls.trustedCertificates().toFile());
        if (tls.clientCertificate().isPresent()) {
          ssl.keyManager(tls.clientCertificate().get().toFile(), tls.clientKey().get().toFile());
        }
        builder.sslContext(ssl.build());
      } catch (IOException | IllegalArgumentException e) {
        throw new dev.keelson.store.InvalidStoreUriException(
            "cannot load the etcd TLS files (" + tls + "): " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  static ThreadFactory daemonThreads(String name) {
    return r -> {
      Thread t = new Thread(r, name + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Gives every unary call a deadline, so that no request waits forever for an unreachable etcd
   * (jetcd waits for a ready connection otherwise). Streams (watches) are left alone: they live as
   * long as the watch.
   */
  private record DeadlineInterceptor(Duration timeout) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(
        MethodDescriptor<Q, R> method, CallOptions callOptions, Channel next) {
      if (method.getType() == MethodDescriptor.MethodType.UNARY
          && callOptions.getDeadline() == null) {
        callOptions = callOptions.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      return next.newCall(method, callOptions);
    }
  }
}
