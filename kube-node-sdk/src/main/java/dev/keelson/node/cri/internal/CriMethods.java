package dev.keelson.node.cri.internal;

import com.google.protobuf.Message;
import dev.keelson.node.cri.v1.ContainerStatusRequest;
import dev.keelson.node.cri.v1.ContainerStatusResponse;
import dev.keelson.node.cri.v1.CreateContainerRequest;
import dev.keelson.node.cri.v1.CreateContainerResponse;
import dev.keelson.node.cri.v1.ExecRequest;
import dev.keelson.node.cri.v1.ExecResponse;
import dev.keelson.node.cri.v1.ExecSyncRequest;
import dev.keelson.node.cri.v1.ExecSyncResponse;
import dev.keelson.node.cri.v1.ImageStatusRequest;
import dev.keelson.node.cri.v1.ImageStatusResponse;
import dev.keelson.node.cri.v1.ListContainersRequest;
import dev.keelson.node.cri.v1.ListContainersResponse;
import dev.keelson.node.cri.v1.ListPodSandboxRequest;
import dev.keelson.node.cri.v1.ListPodSandboxResponse;
import dev.keelson.node.cri.v1.PodSandboxStatusRequest;
import dev.keelson.node.cri.v1.PodSandboxStatusResponse;
import dev.keelson.node.cri.v1.PullImageRequest;
import dev.keelson.node.cri.v1.PullImageResponse;
import dev.keelson.node.cri.v1.RemoveContainerRequest;
import dev.keelson.node.cri.v1.RemoveContainerResponse;
import dev.keelson.node.cri.v1.RemovePodSandboxRequest;
import dev.keelson.node.cri.v1.RemovePodSandboxResponse;
import dev.keelson.node.cri.v1.RunPodSandboxRequest;
import dev.keelson.node.cri.v1.RunPodSandboxResponse;
import dev.keelson.node.cri.v1.StartContainerRequest;
import dev.keelson.node.cri.v1.StartContainerResponse;
import dev.keelson.node.cri.v1.StatusRequest;
import dev.keelson.node.cri.v1.StatusResponse;
import dev.keelson.node.cri.v1.StopContainerRequest;
import dev.keelson.node.cri.v1.StopContainerResponse;
import dev.keelson.node.cri.v1.StopPodSandboxRequest;
import dev.keelson.node.cri.v1.StopPodSandboxResponse;
import dev.keelson.node.cri.v1.VersionRequest;
import dev.keelson.node.cri.v1.VersionResponse;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * The unary methods of CRI's {@code runtime.v1.RuntimeService} and {@code runtime.v1.ImageService}
 * that the {@code cri} runtime calls, as gRPC method descriptors (what protoc-gen-grpc-java would
 * generate, written out because that plugin's executable is not available to this build).
 */
public final class CriMethods {
  private CriMethods() {}

  /** The runtime service's full name. */
  public static final String RUNTIME_SERVICE = "runtime.v1.RuntimeService";

  /** The image service's full name. */
  public static final String IMAGE_SERVICE = "runtime.v1.ImageService";

  public static final MethodDescriptor<VersionRequest, VersionResponse> VERSION =
      runtime("Version", VersionRequest.getDefaultInstance(), VersionResponse.getDefaultInstance());
  public static final MethodDescriptor<StatusRequest, StatusResponse> STATUS =
      runtime("Status", StatusRequest.getDefaultInstance(), StatusResponse.getDefaultInstance());
  public static final MethodDescriptor<RunPodSandboxRequest, RunPodSandboxResponse>
      RUN_POD_SANDBOX =
          runtime(
              "RunPodSandbox",
              RunPodSandboxRequest.getDefaultInstance(),
              RunPodSandboxResponse.getDefaultInstance());
  public static final MethodDescriptor<StopPodSandboxRequest, StopPodSandboxResponse>
      STOP_POD_SANDBOX =
          runtime(
              "StopPodSandbox",
              StopPodSandboxRequest.getDefaultInstance(),
              StopPodSandboxResponse.getDefaultInstance());
  public static final MethodDescriptor<RemovePodSandboxRequest, RemovePodSandboxResponse>
      REMOVE_POD_SANDBOX =
          runtime(
              "RemovePodSandbox",
              RemovePodSandboxRequest.getDefaultInstance(),
              RemovePodSandboxResponse.getDefaultInstance());
  public static final MethodDescriptor<PodSandboxStatusRequest, PodSandboxStatusResponse>
      POD_SANDBOX_STATUS =
          runtime(
              "PodSandboxStatus",
              PodSandboxStatusRequest.getDefaultInstance(),
              PodSandboxStatusResponse.getDefaultInstance());
  public static final MethodDescriptor<ListPodSandboxRequest, ListPodSandboxResponse>
      LIST_POD_SANDBOX =
          runtime(
              "ListPodSandbox",
              ListPodSandboxRequest.getDefaultInstance(),
              ListPodSandboxResponse.getDefaultInstance());
  public static final MethodDescriptor<CreateContainerRequest, CreateContainerResponse>
      CREATE_CONTAINER =
          runtime(
              "CreateContainer",
              CreateContainerRequest.getDefaultInstance(),
              CreateContainerResponse.getDefaultInstance());
  public static final MethodDescriptor<StartContainerRequest, StartContainerResponse>
      START_CONTAINER =
          runtime(
              "StartContainer",
              StartContainerRequest.getDefaultInstance(),
              StartContainerResponse.getDefaultInstance());
  public static final MethodDescriptor<StopContainerRequest, StopContainerResponse> STOP_CONTAINER =
      runtime(
          "StopContainer",
          StopContainerRequest.getDefaultInstance(),
          StopContainerResponse.getDefaultInstance());
  public static final MethodDescriptor<RemoveContainerRequest, RemoveContainerResponse>
      REMOVE_CONTAINER =
          runtime(
              "RemoveContainer",
              RemoveContainerRequest.getDefaultInstance(),
              RemoveContainerResponse.getDefaultInstance());
  public static final MethodDescriptor<ListContainersRequest, ListContainersResponse>
      LIST_CONTAINERS =
          runtime(
              "ListContainers",
              ListContainersRequest.getDefaultInstance(),
              ListContainersResponse.getDefaultInstance());
  public static final MethodDescriptor<ContainerStatusRequest, ContainerStatusResponse>
      CONTAINER_STATUS =
          runtime(
              "ContainerStatus",
              ContainerStatusRequest.getDefaultInstance(),
              ContainerStatusResponse.getDefaultInstance());
  public static final MethodDescriptor<ExecSyncRequest, ExecSyncResponse> EXEC_SYNC =
      runtime(
          "ExecSync", ExecSyncRequest.getDefaultInstance(), ExecSyncResponse.getDefaultInstance());
  public static final MethodDescriptor<ExecRequest, ExecResponse> EXEC =
      runtime("Exec", ExecRequest.getDefaultInstance(), ExecResponse.getDefaultInstance());
  public static final MethodDescriptor<ImageStatusRequest, ImageStatusResponse> IMAGE_STATUS =
      image(
          "ImageStatus",
          ImageStatusRequest.getDefaultInstance(),
          ImageStatusResponse.getDefaultInstance());
  public static final MethodDescriptor<PullImageRequest, PullImageResponse> PULL_IMAGE =
      image(
          "PullImage",
          PullImageRequest.getDefaultInstance(),
          PullImageResponse.getDefaultInstance());

  private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> runtime(
      String name, Q request, R response) {
    return unary(RUNTIME_SERVICE, name, request, response);
  }

  private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> image(
      String name, Q request, R response) {
    return unary(IMAGE_SERVICE, name, request, response);
  }

  private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> unary(
      String service, String name, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(service, name))
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }
}
