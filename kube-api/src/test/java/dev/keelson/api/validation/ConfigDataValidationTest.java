package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Namespace;
import dev.keelson.api.core.v1.NamespaceSpec;
import dev.keelson.api.core.v1.Secret;
import dev.keelson.api.meta.ObjectMeta;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDataValidationTest {
  private final Validator<ConfigMap> configMaps = ConfigDataValidation.configMaps();
  private final Validator<Secret> secrets = ConfigDataValidation.secrets();
  private static final ObjectMeta META = ObjectMeta.named("default", "cfg");

  private static ConfigMap cm(Map<String, String> data, Map<String, String> binary) {
    return new ConfigMap(null, null, META, null, data, binary);
  }

  private static Secret secret(String type, Map<String, String> data) {
    return new Secret(null, null, META, null, data, null, type);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes());
  }

  private static List<String> messages(List<FieldError> errors) {
    return errors.stream().map(FieldError::toString).toList();
  }

  @Test
  void configMapKeysMatchTheConfigKeyFormat() {
    assertThat(configMaps.validate(cm(Map.of("app.properties", "x", "KEY_1", "y"), null)))
        .isEmpty();
    assertThat(messages(configMaps.validate(cm(Map.of("a/b", "x"), null))))
        .containsExactly(
            "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric"
                + " characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name',"
                + " regex used for validation is '[-._a-zA-Z0-9]+')");
    assertThat(messages(configMaps.validate(cm(null, Map.of("..", b64("x"))))))
        .containsExactly("binaryData[..]: Invalid value: \"..\": must not be '..'");
  }

  @Test
  void aKeyMayNotBeInDataAndBinaryData() {
    assertThat(messages(configMaps.validate(cm(Map.of("k", "x"), Map.of("k", b64("y"))))))
        .containsExactly("data[k]: Invalid value: \"k\": duplicate of key present in binaryData");
  }

  @Test
  void configMapValuesTotalAtMostOneMebibyte() {
    String half = "x".repeat(512 * 1024);
    assertThat(configMaps.validate(cm(Map.of("a", half, "b", half), null))).isEmpty();
    assertThat(messages(configMaps.validate(cm(Map.of("a", half, "b", half + "x"), null))))
        .containsExactly(": Too long: must have at most 1048576 bytes");
  }

  @Test
  void immutableConfigMapsKeepTheirData() {
    ConfigMap old =
        new ConfigMap(null, null, META.withResourceVersion("1"), true, Map.of("a", "1"), null);
    assertThat(configMaps.validateUpdate(old, old)).isEmpty();
    assertThat(messages(configMaps.validateUpdate(old.withData(Map.of("a", "2")), old)))
        .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
    assertThat(messages(configMaps.validateUpdate(old.withImmutable(false), old)))
        .containsExactly("immutable: Forbidden: field is immutable when `immutable` is set");
  }

  @Test
  void secretKeysAndTypedSecretRequirements() {
    assertThat(secrets.validate(secret(null, Map.of("token", b64("t"))))).isEmpty();
    assertThat(messages(secrets.validate(secret("Opaque", Map.of("bad key", b64("t"))))))
        .singleElement()
        .asString()
        .startsWith("data[bad key]: Invalid value: \"bad key\": a valid config key");
    assertThat(messages(secrets.validate(secret("kubernetes.io/tls", Map.of("tls.crt", b64("c"))))))
        .containsExactly("data[tls.key]: Required value");
    assertThat(messages(secrets.validate(secret("kubernetes.io/basic-auth", Map.of()))))
        .containsExactly("data[username]: Required value", "data[password]: Required value");
    assertThat(secrets.validate(secret("kubernetes.io/basic-auth", Map.of("password", b64("p")))))
        .isEmpty();
    assertThat(messages(secrets.validate(secret("kubernetes.io/service-account-token", Map.of()))))
        .containsExactly(
            "metadata.annotations[kubernetes.io/service-account.name]: Required value");
  }

  @Test
  void secretDataTotalsAtMostOneMebibyteDecoded() {
    String big = Base64.getEncoder().encodeToString(new byte[1024 * 1024]);
    assertThat(secrets.validate(secret(null, Map.of("a", big)))).isEmpty();
    assertThat(messages(secrets.validate(secret(null, Map.of("a", big, "b", b64("x"))))))
        .containsExactly("data: Too long: must have at most 1048576 bytes");
  }

  @Test
  void secretTypeIsImmutable() {
    Secret old = secret("Opaque", Map.of()).withMetadata(META.withResourceVersion("1"));
    assertThat(
            messages(
                secrets.validateUpdate(
                    old.withType("kubernetes.io/tls")
                        .withData(Map.of("tls.crt", b64("c"), "tls.key", b64("k"))),
                    old)))
        .containsExactly("type: Invalid value: \"kubernetes.io/tls\": field is immutable");
  }

  @Test
  void namespacesAreClusterScopedDnsLabelsWithQualifiedSpecFinalizers() {
    NamespaceValidation v = new NamespaceValidation();
    Namespace ok =
        new Namespace(
            null, null, ObjectMeta.named("team-a"), new NamespaceSpec(List.of("kubernetes")), null);
    assertThat(v.validate(ok)).isEmpty();
    Namespace bad =
        new Namespace(
            null,
            null,
            ObjectMeta.named("Team", "x.y"),
            new NamespaceSpec(List.of("cleanup")),
            null);
    assertThat(v.validate(bad))
        .extracting(FieldError::field)
        .containsExactly("metadata.name", "metadata.namespace", "spec.finalizers");
  }
}
