package dev.keelson.controllers.testing;

import dev.keelson.api.core.v1.Container;
import dev.keelson.api.core.v1.ContainerBuilder;
import dev.keelson.api.core.v1.PodSpecBuilder;
import dev.keelson.api.core.v1.PodTemplateSpec;
import dev.keelson.api.meta.LabelSelector;
import dev.keelson.api.meta.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;

/** Pod templates and selectors for workload tests. */
public final class Templates {
  private Templates() {}

  /** A template labelled {@code app=<app>} running {@code image}. */
  public static PodTemplateSpec pod(String app, String image) {
    Container c = ContainerBuilder.builder().name("main").image(image).build();
    return new PodTemplateSpec(
        ObjectMetaBuilder.builder().labels(Map.of("app", app)).build(),
        PodSpecBuilder.builder().containers(List.of(c)).build());
  }

  /** The selector {@code app=<app>}. */
  public static LabelSelector selector(String app) {
    return new LabelSelector(Map.of("app", app), List.of());
  }
}
