package dev.keelson.node.internal;

import dev.keelson.node.internal.health.v1.HealthCheckRequest;
import dev.keelson.node.internal.health.v1.HealthCheckResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Kubelet's {@code grpc} probe: one {@code grpc.health.v1.Health/Check} call over a fresh plaintext
 * connection to the pod, naming the probe's {@code service} (empty: the server as a whole), with
 * the probe's timeout as the deadline for connecting and answering. It passes only on {@code
 * SERVING}; any other status, a server without the health service ({@code UNIMPLEMENTED}), a
 * refused connection and a missed deadline fail it, as in kubelet.
 */
final class GrpcHealth {
  /** The method, as protoc-gen-grpc-java would describe it (its executable is not in the build). */
  static final MethodDescriptor<HealthCheckRequest, HealthCheckResponse> CHECK =
      MethodDescriptor.<HealthCheckRequest, HealthCheckResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName("grpc.health.v1.Health", "Check"))
          .setRequestMarshaller(ProtoUtils.marshaller(HealthCheckRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(HealthCheckResponse.getDefaultInstance()))
          .build();

  /** What one check found: passed or not, and why not (kubelet's probe output). */
  record Outcome(boolean serving, String message) {}

  private GrpcHealth() {}

  /** Checks {@code service} on {@code host:port} within {@code timeout}. */
  static Outcome check(String host, int port, String service, Duration timeout) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(host, port)
            .usePlaintext()
            .userAgent("kube-probe/1.32")
            .maxInboundMessageSize(64 * 1024)
            .build();
    try {
      HealthCheckResponse answer =
          ClientCalls.blockingUnaryCall(
              channel,
              CHECK,
              CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS),
              HealthCheckRequest.newBuilder().setService(service == null ? "" : service).build());
      if (answer.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
        return new Outcome(true, "");
      }
      return new Outcome(
          false, "service unhealthy (responded with \"" + answer.getStatus() + "\")");
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      return new Outcome(
          false,
          switch (code) {
            case UNIMPLEMENTED ->
                "this server does not implement the grpc health protocol (grpc.health.v1.Health): "
                    + e.getStatus().getDescription();
            case DEADLINE_EXCEEDED ->
                "timeout: health rpc did not complete within " + timeout.toSeconds() + "s";
            default -> "error: health rpc probe failed: " + e.getStatus();
          });
    } finally {
      channel.shutdownNow();
    }
  }
}
