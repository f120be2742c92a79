package dev.keelson.benchmarks.api;

import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.json.KubeJson;
import io.fabric8.kubernetes.model.jackson.GoCompatibilityModule;
import io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule;
import io.fabric8.kubernetes.model.jackson.UnmatchedFieldTypeModule;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decode + encode of a realistic two-container Pod (bytes to object to bytes): Keelson's records
 * through {@link KubeJson} against fabric8's model through its own Jackson 3 mapper, configured
 * with the modules fabric8's {@code KubernetesSerialization} installs. Decode-only and encode-only
 * variants show where the time goes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PodCodecBenchmark {
  private static final ObjectMapper FABRIC8 =
      JsonMapper.builder()
          .addModules(
              new Jackson2JdkTypesModule(),
              new UnmatchedFieldTypeModule(),
              new GoCompatibilityModule())
          .build();

  private byte[] json;
  private Pod keelsonPod;
  private io.fabric8.kubernetes.api.model.Pod fabric8Pod;

  @Setup
  public void setUp() {
    json = PodManifest.bytes();
    keelsonPod = KubeJson.decode(json, Pod.class);
    fabric8Pod = FABRIC8.readValue(json, io.fabric8.kubernetes.api.model.Pod.class);
  }

  @Benchmark
  public byte[] keelsonRoundTrip() {
    return KubeJson.encode(KubeJson.decode(json, Pod.class));
  }

  @Benchmark
  public byte[] fabric8RoundTrip() {
    return FABRIC8.writeValueAsBytes(
        FABRIC8.readValue(json, io.fabric8.kubernetes.api.model.Pod.class));
  }

  @Benchmark
  public Pod keelsonDecode() {
    return KubeJson.decode(json, Pod.class);
  }

  @Benchmark
  public io.fabric8.kubernetes.api.model.Pod fabric8Decode() {
    return FABRIC8.readValue(json, io.fabric8.kubernetes.api.model.Pod.class);
  }

  @Benchmark
  public byte[] keelsonEncode() {
    return KubeJson.encode(keelsonPod);
  }

  @Benchmark
  public byte[] fabric8Encode() {
    return FABRIC8.writeValueAsBytes(fabric8Pod);
  }
}
