package dev.keelson.samples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apiextensions.v1.CustomResourceDefinition;
import dev.keelson.api.apiextensions.v1.CustomResourceDefinitionVersion;
import dev.keelson.api.json.KubeJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CRD on the class path describes the resource the operator uses. */
class WebsiteCrdTest {
  @Test
  void theCrdMatchesTheResourceTheOperatorUses() throws IOException {
    String yaml;
    try (InputStream in =
        WebsiteCrdTest.class.getResourceAsStream("/crd/websites.samples.keelson.dev.yaml")) {
      assertThat(in).isNotNull();
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    CustomResourceDefinition crd = KubeJson.decodeYaml(yaml, CustomResourceDefinition.class);
    assertThat(crd.metadata().name()).isEqualTo("websites.samples.keelson.dev");
    assertThat(crd.spec().group()).isEqualTo(Website.GROUP);
    assertThat(crd.spec().scope()).isEqualTo("Namespaced");
    assertThat(crd.spec().names().kind()).isEqualTo(Website.KIND);
    assertThat(crd.spec().names().plural()).isEqualTo(Website.RESOURCE.plural());
    assertThat(crd.spec().names().shortNames()).isEqualTo(Website.RESOURCE.shortNames());
    assertThat(crd.spec().names().categories()).isEqualTo(Website.RESOURCE.categories());
    CustomResourceDefinitionVersion v1 = crd.spec().versions().get(0);
    assertThat(v1.name()).isEqualTo(Website.VERSION);
    assertThat(v1.subresources().status()).isNotNull();
    assertThat(Website.RESOURCE.subresource("status")).isPresent();
    assertThat(v1.schema().openAPIV3Schema().properties().get("spec").required())
        .containsExactly("image");
  }
}
