package dev.keelson.api.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unknown fields are named by their full path wherever they appear, also when Jackson buffers them
 * (records are built by their constructor, so unknown properties met before the constructor's
 * arguments are complete are replayed later, with a stale field name on the parser's context).
 */
class UnknownFieldPathsTest {
  private static List<String> unknown(String json, Class<?> type) {
    return KubeJson.decode(json.replace('\'', '"').getBytes(UTF_8), type, FieldValidation.WARN)
        .unknownFields();
  }

  @Test
  void objectValuedUnknownFieldsAtTheTopLevel() {
    assertThat(unknown("{'metadata':{'name':'a'},'spec':{'x':1},'extra':true}", ConfigMap.class))
        .containsExactly("spec", "extra");
    assertThat(
            unknown(
                "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'a','zz':1},"
                    + "'spec':{'x':1},'extra':true}",
                ConfigMap.class))
        .containsExactly("metadata.zz", "spec", "extra");
    assertThat(unknown("{'extra':true,'metadata':{'name':'a'}}", ConfigMap.class))
        .containsExactly("extra");
  }

  @Test
  void unknownFieldsInsideListsAndNestedObjects() {
    assertThat(
            unknown(
                "{'metadata':{'name':'a','q':1},'spec':{'containers':[{'name':'c',"
                    + "'bogus':{'a':1},'image':'x'}],'foo':1},'bar':2}",
                Pod.class))
        .containsExactly("metadata.q", "spec.containers[0].bogus", "spec.foo", "bar");
  }

  @Test
  void strictModeNamesThemAll() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                KubeJson.decode(
                    "{\"metadata\":{\"name\":\"a\"},\"spec\":{\"x\":1},\"extra\":true}"
                        .getBytes(UTF_8),
                    ConfigMap.class,
                    FieldValidation.STRICT))
        .hasMessage("strict decoding error: unknown field \"spec\", unknown field \"extra\"");
  }
}
