package dev.keelson.store.internal.etcd;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.AuthGrpc;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.AuthenticateResponse;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.CompactionResponse;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * etcd's unary KV calls (Range, Txn, Put, Compact) made straight on a gRPC channel of their own:
 * the request goes out from the calling thread and the answer completes a future on the channel's
 * event loop. jetcd (still used for watches) runs every call as a retry-policy task on an executor
 * and completes it through Vert.x futures: two thread hand-offs and a few allocations per call that
 * the API server's writes paid on top of the round trip.
 *
 * <p>Same contract as the jetcd calls it replaces: the same endpoints (balanced round robin by
 * jetcd's {@code ip} name resolver), TLS, authority, keepalive and inbound size limit; every call
 * carries the request timeout as its deadline and waits for a ready connection within it. Reads and
 * compactions are retried on {@code UNAVAILABLE} (at most twice, 500 ms then 1 s apart, within the
 * deadline); writes are never retried, except when etcd refuses the call's auth token as invalid or
 * older than its auth store (the call was not applied): then the token is renewed and the call sent
 * once more. With credentials, a token is obtained (etcd's Authenticate) before the first call and
 * shared by all calls.
 */
final class EtcdKv implements AutoCloseable {
  private static final Metadata.Key<String> TOKEN =
      Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);
  private static final String INVALID_TOKEN = "etcdserver: invalid auth token";
  private static final String AUTH_STORE_OLD = "etcdserver: revision of auth store is old";
  private static final int MAX_RETRIES = 2;
  private static final long RETRY_DELAY_MILLIS = 500;
  private static final long RETRY_MAX_DELAY_MILLIS = 2_500;

  private final ManagedChannel channel;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private final Token token;

  EtcdKv(EtcdOptions options, ScheduledExecutorService scheduler) {
    this.timeout = options.requestTimeout();
    this.scheduler = scheduler;
    this.channel = channel(options);
    this.token = options.credentials().map(c -> new Token(c.username(), c.password())).orElse(null);
  }

  private static ManagedChannel channel(EtcdOptions options) {
    Duration timeout = options.requestTimeout();
    // jetcd's "ip" resolver (registered with gRPC by jetcd-core): every endpoint, round robin.
    String target =
        "ip:///"
            + options.endpointUris().stream()
                .map(u -> u.getHost() + ":" + u.getPort())
                .distinct()
                .collect(Collectors.joining(","));
    NettyChannelBuilder builder =
        NettyChannelBuilder.forTarget(target)
            .directExecutor()
            .defaultLoadBalancingPolicy("round_robin")
            .keepAliveTime(10, TimeUnit.SECONDS)
            .keepAliveTimeout(5, TimeUnit.SECONDS)
            .keepAliveWithoutCalls(false)
            .maxInboundMessageSize(256 * 1024 * 1024)
            .withOption(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(timeout.toMillis(), Duration.ofSeconds(5).toMillis()));
    options.authority().ifPresent(builder::overrideAuthority);
    if (options.tls().isPresent()) {
      var tls = options.tls().get();
      try {
        SslContextBuilder ssl =
            GrpcSslContexts.forClient().trustManager(tls.trustedCertificates().toFile());
        if (tls.clientCertificate().isPresent()) {
          ssl.keyManager(tls.clientCertificate().get().toFile(), tls.clientKey().get().toFile());
        }
        builder.negotiationType(NegotiationType.TLS).sslContext(ssl.build());
      } catch (IOException | IllegalArgumentException e) {
        throw new dev.keelson.store.InvalidStoreUriException(
            "cannot load the etcd TLS files (" + tls + "): " + e.getMessage(), e);
      }
    } else {
      builder.negotiationType(NegotiationType.PLAINTEXT);
    }
    return builder.build();
  }

  CompletableFuture<RangeResponse> range(RangeRequest request) {
    return call(KVGrpc.getRangeMethod(), request, true);
  }

  CompletableFuture<TxnResponse> txn(TxnRequest request) {
    return call(KVGrpc.getTxnMethod(), request, false);
  }

  CompletableFuture<PutResponse> put(PutRequest request) {
    return call(KVGrpc.getPutMethod(), request, false);
  }

  CompletableFuture<CompactionResponse> compact(CompactionRequest request) {
    return call(KVGrpc.getCompactMethod(), request, true);
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }

  private <Q, R> CompletableFuture<R> call(
      MethodDescriptor<Q, R> method, Q request, boolean idempotent) {
    CompletableFuture<R> result = new CompletableFuture<>();
    new Attempts<>(method, request, idempotent, System.nanoTime() + timeout.toNanos(), result)
        .send();
    return result;
  }

  /** One call and its retries; completes {@code result} once. */
  private final class Attempts<Q, R> implements StreamObserver<R> {
    private final MethodDescriptor<Q, R> method;
    private final Q request;
    private final boolean idempotent;
    private final long deadlineNanos;
    private final CompletableFuture<R> result;
    private int retries;
    private boolean renewedToken;
    private R value;

    Attempts(
        MethodDescriptor<Q, R> method,
        Q request,
        boolean idempotent,
        long deadlineNanos,
        CompletableFuture<R> result) {
      this.method = method;
      this.request = request;
      this.idempotent = idempotent;
      this.deadlineNanos = deadlineNanos;
      this.result = result;
    }

    void send() {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        result.completeExceptionally(
            Status.DEADLINE_EXCEEDED.withDescription("no answer within " + timeout).asException());
        return;
      }
      CallOptions options =
          CallOptions.DEFAULT.withDeadlineAfter(left, TimeUnit.NANOSECONDS).withWaitForReady();
      if (token != null) {
        options = options.withCallCredentials(token);
      }
      try {
        ClientCalls.asyncUnaryCall(channel.newCall(method, options), request, this);
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    }

    @Override
    public void onNext(R response) {
      value = response;
    }

    @Override
    public void onCompleted() {
      result.complete(value);
    }

    @Override
    public void onError(Throwable t) {
      Status status = Status.fromThrowable(t);
      if (token != null && !renewedToken && staleToken(status)) {
        renewedToken = true; // etcd refused the token before applying anything: safe to resend
        token.renew();
        send();
        return;
      }
      long delay = Math.min(RETRY_MAX_DELAY_MILLIS, RETRY_DELAY_MILLIS << retries);
      if (idempotent
          && status.getCode() == Status.Code.UNAVAILABLE
          && retries < MAX_RETRIES
          && deadlineNanos - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(delay)
          && !channel.isShutdown()) {
        retries++;
        try {
          scheduler.schedule(this::send, delay, TimeUnit.MILLISECONDS);
          return;
        } catch (RejectedExecutionException e) {
          // the store is closing: report the failure
        }
      }
      result.completeExceptionally(t);
    }
  }

  private static boolean staleToken(Status status) {
    String description = status.getDescription();
    return (status.getCode() == Status.Code.UNAUTHENTICATED
            || status.getCode() == Status.Code.UNKNOWN
            || status.getCode() == Status.Code.INVALID_ARGUMENT)
        && (INVALID_TOKEN.equals(description) || AUTH_STORE_OLD.equals(description));
  }

  /**
   * etcd's auth token for every call: obtained with the user name and password on first use (etcd's
   * Authenticate, on the same channel, without a token), shared until etcd refuses it.
   */
  private final class Token extends CallCredentials {
    private final String user;
    private final String password;
    private volatile Metadata metadata;

    Token(String user, String password) {
      this.user = user;
      this.password = password;
    }

    void renew() {
      metadata = null;
    }

    @Override
    public void applyRequestMetadata(
        RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
      Metadata m = metadata;
      if (m != null) {
        applier.apply(m);
        return;
      }
      AuthenticateRequest request =
          AuthenticateRequest.newBuilder()
              .setNameBytes(ByteString.copyFrom(user, StandardCharsets.UTF_8))
              .setPasswordBytes(ByteString.copyFrom(password, StandardCharsets.UTF_8))
              .build();
      CallOptions options =
          CallOptions.DEFAULT
              .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
              .withWaitForReady();
      try {
        ClientCalls.asyncUnaryCall(
            channel.newCall(AuthGrpc.getAuthenticateMethod(), options),
            request,
            new StreamObserver<AuthenticateResponse>() {
              private AuthenticateResponse response;

              @Override
              public void onNext(AuthenticateResponse value) {
                response = value;
              }

              @Override
              public void onError(Throwable t) {
                applier.fail(
                    Status.UNAUTHENTICATED
                        .withDescription("authentication failed: " + t.getMessage())
                        .withCause(t));
              }

              @Override
              public void onCompleted() {
                Metadata fresh = new Metadata();
                fresh.put(TOKEN, response.getToken());
                metadata = fresh;
                applier.apply(fresh);
              }
            });
      } catch (RuntimeException e) {
        applier.fail(Status.UNAUTHENTICATED.withCause(e));
      }
    }
  }
}
