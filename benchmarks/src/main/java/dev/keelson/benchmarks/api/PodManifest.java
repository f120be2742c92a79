package dev.keelson.benchmarks.api;

import java.nio.charset.StandardCharsets;

/**
 * A realistic two-container Pod as the API server returns it (a Deployment's pod with a sidecar,
 * probes, resources, env, volumes, affinity, tolerations and a running status), about 7 KB.
 */
final class PodManifest {
  private PodManifest() {}

  static byte[] bytes() {
    return JSON.getBytes(StandardCharsets.UTF_8);
  }

  private static final String JSON =
      """
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-7d9f8b6c5-x2k4p",\
      "generateName":"web-7d9f8b6c5-","namespace":"shop",\
      "uid":"5b1c3f3e-8d7a-4e0b-9a51-2f0e6f1d9c11","resourceVersion":"48213",\
      "creationTimestamp":"2024-05-01T10:00:00Z","labels":{"app":"web",\
      "pod-template-hash":"7d9f8b6c5","tier":"frontend"},\
      "annotations":{"kubectl.kubernetes.io/default-container":"web","prometheus.io/scrape":"true"},\
      "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d9f8b6c5",\
      "uid":"0f0e1d2c-3b4a-5968-7766-554433221100","controller":true,"blockOwnerDeletion":true}]},\
      "spec":{"volumes":[{"name":"cache","emptyDir":{"medium":"Memory","sizeLimit":"256Mi"}},\
      {"name":"config","configMap":{"name":"web-config","items":[{"key":"app.yaml","path":"app.yaml"}],\
      "defaultMode":420}},{"name":"tls","secret":{"secretName":"web-tls","defaultMode":256}},\
      {"name":"data","persistentVolumeClaim":{"claimName":"web-data"}},\
      {"name":"kube-api-access-abcde","projected":{"sources":[{"serviceAccountToken":\
      {"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt",\
      "items":[{"key":"ca.crt","path":"ca.crt"}]}},{"downwardAPI":{"items":[{"path":"namespace",\
      "fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}],"defaultMode":420}}],\
      "containers":[{"name":"web","image":"registry.example.com/web:3.2.1",\
      "command":["/app/server"],"args":["--port=8080","--metrics-port=9090"],\
      "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"},\
      {"name":"metrics","containerPort":9090,"protocol":"TCP"}],\
      "envFrom":[{"configMapRef":{"name":"web-env"}}],\
      "env":[{"name":"LOG_LEVEL","value":"info"},{"name":"POD_NAME","valueFrom":{"fieldRef":\
      {"apiVersion":"v1","fieldPath":"metadata.name"}}},{"name":"DB_PASSWORD","valueFrom":\
      {"secretKeyRef":{"name":"db-creds","key":"password"}}}],\
      "resources":{"limits":{"cpu":"1","memory":"512Mi"},"requests":{"cpu":"250m","memory":"256Mi"}},\
      "volumeMounts":[{"name":"config","readOnly":true,"mountPath":"/etc/web"},\
      {"name":"tls","readOnly":true,"mountPath":"/etc/tls"},{"name":"cache","mountPath":"/cache"},\
      {"name":"data","mountPath":"/data"},{"name":"kube-api-access-abcde","readOnly":true,\
      "mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],\
      "livenessProbe":{"httpGet":{"path":"/healthz","port":"http","scheme":"HTTP"},\
      "initialDelaySeconds":10,"timeoutSeconds":2,"periodSeconds":15,"successThreshold":1,\
      "failureThreshold":3},"readinessProbe":{"tcpSocket":{"port":8080},"timeoutSeconds":1,\
      "periodSeconds":5,"successThreshold":1,"failureThreshold":3},\
      "lifecycle":{"preStop":{"sleep":{"seconds":5}}},\
      "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",\
      "imagePullPolicy":"IfNotPresent","securityContext":{"capabilities":{"drop":["ALL"]},\
      "runAsUser":1000,"runAsNonRoot":true,"readOnlyRootFilesystem":true,\
      "allowPrivilegeEscalation":false}},\
      {"name":"envoy","image":"envoyproxy/envoy:v1.30.1","args":["-c","/etc/envoy/envoy.yaml"],\
      "ports":[{"name":"admin","containerPort":9901,"protocol":"TCP"}],\
      "resources":{"limits":{"memory":"128Mi"},"requests":{"cpu":"100m","memory":"64Mi"}},\
      "volumeMounts":[{"name":"kube-api-access-abcde","readOnly":true,\
      "mountPath":"/var/run/secrets/kubernetes.io/serviceaccount"}],\
      "livenessProbe":{"grpc":{"port":9901},"initialDelaySeconds":5,"timeoutSeconds":1,\
      "periodSeconds":10,"successThreshold":1,"failureThreshold":3},\
      "terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File",\
      "imagePullPolicy":"IfNotPresent"}],\
      "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst",\
      "nodeSelector":{"kubernetes.io/os":"linux"},"serviceAccountName":"web","serviceAccount":"web",\
      "nodeName":"node-a-1","securityContext":{"runAsUser":1000,"runAsGroup":3000,"fsGroup":2000,\
      "seccompProfile":{"type":"RuntimeDefault"}},"imagePullSecrets":[{"name":"registry-creds"}],\
      "affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,\
      "podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},\
      "topologyKey":"kubernetes.io/hostname"}}]}},"schedulerName":"default-scheduler",\
      "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute",\
      "tolerationSeconds":300},{"key":"node.kubernetes.io/unreachable","operator":"Exists",\
      "effect":"NoExecute","tolerationSeconds":300}],"priority":0,"enableServiceLinks":true,\
      "preemptionPolicy":"PreemptLowerPriority"},\
      "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True",\
      "lastTransitionTime":"2024-05-01T10:00:02Z"},{"type":"Ready","status":"True",\
      "lastTransitionTime":"2024-05-01T10:00:40Z"},{"type":"ContainersReady","status":"True",\
      "lastTransitionTime":"2024-05-01T10:00:40Z"},{"type":"PodScheduled","status":"True",\
      "lastTransitionTime":"2024-05-01T10:00:00Z"}],"hostIP":"192.168.1.11",\
      "hostIPs":[{"ip":"192.168.1.11"}],"podIP":"10.244.1.17","podIPs":[{"ip":"10.244.1.17"}],\
      "startTime":"2024-05-01T10:00:02Z","containerStatuses":[{"name":"envoy","state":{"running":\
      {"startedAt":"2024-05-01T10:00:21Z"}},"lastState":{},"ready":true,"restartCount":0,\
      "image":"docker.io/envoyproxy/envoy:v1.30.1","imageID":"docker.io/envoyproxy/envoy@sha256:\
      3333333333333333333333333333333333333333333333333333333333333333",\
      "containerID":"containerd://ccc333","started":true},{"name":"web","state":{"running":\
      {"startedAt":"2024-05-01T10:00:22Z"}},"lastState":{"terminated":{"exitCode":137,\
      "reason":"OOMKilled","startedAt":"2024-05-01T09:00:00Z","finishedAt":"2024-05-01T09:59:59Z",\
      "containerID":"containerd://aaa000"}},"ready":true,"restartCount":1,\
      "image":"registry.example.com/web:3.2.1","imageID":"registry.example.com/web@sha256:\
      1111111111111111111111111111111111111111111111111111111111111111",\
      "containerID":"containerd://aaa111","started":true}],"qosClass":"Burstable"}}
      """;
}
