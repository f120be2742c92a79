package dev.keelson.api.core.v1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.json.KubeJson;
import org.junit.jupiter.api.Test;

/** Go {@code *string} fields keep an empty string, which means something other than absent. */
class PointerStringTest {
  @Test
  void emptyStorageClassNameSurvivesARoundTrip() {
    String in = "{\"accessModes\":[\"ReadWriteOnce\"],\"storageClassName\":\"\"}";
    PersistentVolumeClaimSpec spec =
        KubeJson.decode(in.getBytes(UTF_8), PersistentVolumeClaimSpec.class);
    assertThat(spec.storageClassName()).isEmpty();
    assertThat(KubeJson.encodeToString(spec)).isEqualTo(in);
    PersistentVolumeClaimSpec absent =
        KubeJson.decode("{}".getBytes(UTF_8), PersistentVolumeClaimSpec.class);
    assertThat(KubeJson.encodeToString(absent)).isEqualTo("{}");
  }

  @Test
  void emptyHostPathTypeSurvivesARoundTrip() {
    String in = "{\"path\":\"/var/log\",\"type\":\"\"}";
    assertThat(
            KubeJson.encodeToString(
                KubeJson.decode(in.getBytes(UTF_8), HostPathVolumeSource.class)))
        .isEqualTo(in);
  }
}
