package dev.keelson.api.golden;

/**
 * The Jackson mapper for fabric8's model classes, shared by the tests that use fabric8 as the
 * independent reference.
 *
 * <p>fabric8 8 is built on Jackson 3 ({@code tools.jackson}); its model classes carry Jackson 3
 * annotations (Quantity, MicroTime and IntOrString serializers), so they need a Jackson 3 mapper
 * with the modules fabric8's {@code KubernetesSerialization} installs.
 */
public final class Fabric8Mapper {
  private Fabric8Mapper() {}

  public static final tools.jackson.databind.ObjectMapper MAPPER =
      tools.jackson.databind.json.JsonMapper.builder()
          .addModules(
              new io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule(),
              new io.fabric8.kubernetes.model.jackson.UnmatchedFieldTypeModule(),
              new io.fabric8.kubernetes.model.jackson.GoCompatibilityModule())
          .build();
}
