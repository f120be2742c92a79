package dev.keelson.api.apps.v1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.patch.PatchStrategy;
import dev.keelson.api.values.IntOrString;
import org.junit.jupiter.api.Test;

class DeploymentTest {
  private static byte[] json(String s) {
    return s.replace('\'', '"').getBytes(UTF_8);
  }

  @Test
  void rollingUpdateLimitsAreCountsOrPercentages() {
    Deployment d =
        KubeJson.decode(
            json("{'spec':{'strategy':{'rollingUpdate':{'maxUnavailable':0,'maxSurge':'25%'}}}}"),
            Deployment.class);
    RollingUpdateDeployment ru = d.spec().strategy().rollingUpdate();
    assertThat(ru.maxUnavailable()).isEqualTo(IntOrString.of(0));
    assertThat(ru.maxSurge()).isEqualTo(IntOrString.of("25%"));
    assertThat(ru.maxSurge().scaledValue(10, true)).isEqualTo(3);
  }

  @Test
  void fractionalMaxSurgeIsADecodeErrorWithThePath() {
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    json("{'spec':{'strategy':{'rollingUpdate':{'maxSurge':1.5}}}}"),
                    Deployment.class))
        .isInstanceOf(DecodeException.class)
        .hasMessage(
            "spec.strategy.rollingUpdate.maxSurge: cannot unmarshal number into an int or a string")
        .satisfies(
            e ->
                assertThat(((DecodeException) e).field())
                    .isEqualTo("spec.strategy.rollingUpdate.maxSurge"));
  }

  @Test
  void defaultsApiVersionAndKind() {
    Deployment d = KubeJson.decode(json("{'metadata':{'name':'web'}}"), Deployment.class);
    assertThat(d.apiVersion()).isEqualTo("apps/v1");
    assertThat(d.kind()).isEqualTo("Deployment");
    assertThat(KubeJson.encodeToString(d))
        .isEqualTo(
            "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"}}");
  }

  @Test
  void patchTagsMatchKubernetes() throws Exception {
    PatchStrategy strategy =
        DeploymentSpec.class.getDeclaredField("strategy").getAnnotation(PatchStrategy.class);
    assertThat(strategy.retainKeys()).isTrue();
    assertThat(strategy.merge()).isFalse();
    for (Class<?> status :
        new Class<?>[] {
          DeploymentStatus.class,
          ReplicaSetStatus.class,
          StatefulSetStatus.class,
          DaemonSetStatus.class,
          dev.keelson.api.batch.v1.JobStatus.class
        }) {
      PatchStrategy conditions =
          status.getDeclaredField("conditions").getAnnotation(PatchStrategy.class);
      assertThat(conditions).as(status.getSimpleName()).isNotNull();
      assertThat(conditions.merge()).isTrue();
      assertThat(conditions.key()).isEqualTo("type");
    }
  }

  @Test
  void zeroCountsAreKept() {
    String in = "{'replicas':0,'updatedReplicas':0}";
    DeploymentStatus s = KubeJson.decode(json(in), DeploymentStatus.class);
    assertThat(KubeJson.encodeToString(s)).isEqualTo(in.replace('\'', '"'));
  }
}
