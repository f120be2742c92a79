package dev.keelson.api.apiextensions.v1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.ObjectMeta;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomResourceDefinitionTest {
  @Test
  void statusSubresourceIsWrittenAsAnEmptyObject() {
    var subresources = new CustomResourceSubresources(new CustomResourceSubresourceStatus(), null);
    assertThat(KubeJson.encodeToString(subresources)).isEqualTo("{\"status\":{}}");
    var decoded =
        KubeJson.decode("{\"status\":{}}".getBytes(UTF_8), CustomResourceSubresources.class);
    assertThat(decoded.status()).isNotNull();
    assertThat(decoded.scale()).isNull();
    assertThat(KubeJson.decode("{}".getBytes(UTF_8), CustomResourceSubresources.class).status())
        .isNull();
  }

  @Test
  void apiVersionAndKindDefaultAndMetadataCanBeReplaced() {
    var crd =
        CustomResourceDefinitionBuilder.builder()
            .spec(
                CustomResourceDefinitionSpecBuilder.builder()
                    .group("example.com")
                    .scope("Namespaced")
                    .names(
                        CustomResourceDefinitionNamesBuilder.builder()
                            .plural("widgets")
                            .kind("Widget")
                            .build())
                    .versions(
                        List.of(
                            CustomResourceDefinitionVersionBuilder.builder()
                                .name("v1")
                                .served(true)
                                .storage(true)
                                .build()))
                    .build())
            .build();
    assertThat(crd.apiVersion()).isEqualTo("apiextensions.k8s.io/v1");
    assertThat(crd.kind()).isEqualTo("CustomResourceDefinition");
    assertThat(crd.apiGroup()).isEqualTo("apiextensions.k8s.io");
    var named = crd.withMetadata(ObjectMeta.named("widgets.example.com"));
    assertThat(named.metadata().name()).isEqualTo("widgets.example.com");
    assertThat(named.spec()).isSameAs(crd.spec());
    assertThat(KubeJson.encodeToString(named))
        .isEqualTo(
            "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
                + "\"metadata\":{\"name\":\"widgets.example.com\"},\"spec\":{\"group\":\"example.com\","
                + "\"names\":{\"plural\":\"widgets\",\"kind\":\"Widget\"},\"scope\":\"Namespaced\","
                + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true}]}}");
  }

  @Test
  void servedFalseIsWrittenBecauseGoAlwaysWritesIt() {
    var v = CustomResourceDefinitionVersionBuilder.builder().name("v1").served(false).build();
    assertThat(KubeJson.encodeToString(v)).isEqualTo("{\"name\":\"v1\",\"served\":false}");
  }
}
