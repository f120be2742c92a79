package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.GenericObject;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.meta.ObjectMeta;
import dev.keelson.api.meta.ObjectMetaBuilder;
import dev.keelson.api.registry.ResourceRegistry;
import dev.keelson.api.registry.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltinValidatorsTest {
  private final ResourceRegistry registry = ResourceRegistry.builtins();

  @Test
  void typedPodsGetPodValidation() {
    Validator<dev.keelson.api.KubernetesObject> v =
        BuiltinValidators.forResource(registry.resolve("pods").orElseThrow());
    Pod pod =
        new Pod(
            null, null, ObjectMeta.named("default", "web"), PodSpecBuilder.builder().build(), null);
    assertThat(v.validate(pod))
        .extracting(FieldError::toString)
        .containsExactly("spec.containers: Required value");
  }

  @Test
  void otherResourcesGetMetadataValidationByScopeAndNameRule() {
    var deployments = BuiltinValidators.forResource(registry.resolve("deploy").orElseThrow());
    assertThat(
            deployments.validate(
                GenericObject.of("apps/v1", "Deployment", ObjectMeta.named("web"))))
        .extracting(FieldError::toString)
        .containsExactly("metadata.namespace: Required value");
    var namespaces = BuiltinValidators.forResource(registry.resolve("ns").orElseThrow());
    assertThat(namespaces.validate(GenericObject.of("v1", "Namespace", ObjectMeta.named("a.b"))))
        .extracting(FieldError::detail)
        .containsExactly("must not contain dots");
  }

  @Test
  void customResourcesMayUseUnqualifiedFinalizers() {
    ResourceType widgets = ResourceType.of("example.com", "v1", "Widget", "widgets", true);
    ObjectMeta meta =
        ObjectMetaBuilder.builder()
            .namespace("default")
            .name("w")
            .finalizers(List.of("cleanup"))
            .build();
    assertThat(
            BuiltinValidators.forResource(widgets)
                .validate(GenericObject.of("example.com/v1", "Widget", meta)))
        .isEmpty();
    var configMaps = BuiltinValidators.forResource(registry.resolve("cm").orElseThrow());
    assertThat(configMaps.validate(GenericObject.of("v1", "ConfigMap", meta)))
        .extracting(FieldError::field)
        .containsExactly("metadata.finalizers[0]");
  }
}
