package dev.keelson.controllers.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.apps.v1.ControllerRevision;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControllerRevisionsTest {
  private static PodTemplateSpec template(String image) {
    return new PodTemplateSpec(
        ObjectMetaBuilder.builder().labels(Map.of("app", "web")).build(),
        PodSpecBuilder.builder()
            .containers(List.of(ContainerBuilder.builder().name("c").image(image).build()))
            .build());
  }

  @Test
  void hashIsStableSafeEncodedAndDependsOnDataAndCollisions() {
    var data = ControllerRevisions.templatePatch(template("nginx:1"));
    String h = ControllerRevisions.hash(data, 0);
    assertThat(h)
        .isEqualTo(ControllerRevisions.hash(data, 0))
        .matches("[bcdfghjklmnpqrstvwxz2456789]+");
    assertThat(ControllerRevisions.hash(data, 1)).isNotEqualTo(h);
    assertThat(ControllerRevisions.hash(ControllerRevisions.templatePatch(template("nginx:2")), 0))
        .isNotEqualTo(h);
    assertThat(ControllerRevisions.name("web", h)).isEqualTo("web-" + h);
    assertThat(ControllerRevisions.name("x".repeat(300), h)).hasSize(223 + 1 + h.length());
  }

  @Test
  void safeEncodingMapsEachCharacterLikeKubernetes() {
    // '0' is 48, 48 % 27 = 21 -> '4'; '9' is 57, 57 % 27 = 3 -> 'f'
    assertThat(ControllerRevisions.safeEncode("09")).isEqualTo("4f");
  }

  @Test
  void dataReplacesTheTemplateAndGivesItBack() {
    PodTemplateSpec t = template("nginx:1");
    var data = ControllerRevisions.templatePatch(t);
    assertThat(data.path("spec").path("template").path("$patch").asText()).isEqualTo("replace");
    ControllerRevision r = new ControllerRevision(null, null, null, data, 1L);
    assertThat(ControllerRevisions.templateOf(r).spec().containers().get(0).image())
        .isEqualTo("nginx:1");
    assertThat(ControllerRevisions.templateOf(r).metadata().labels()).containsEntry("app", "web");
  }
}
