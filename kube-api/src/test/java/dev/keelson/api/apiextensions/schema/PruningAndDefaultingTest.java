package dev.keelson.api.apiextensions.schema;

import static dev.keelson.api.apiextensions.schema.SchemaValidatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Pruning of unknown fields and schema defaults, as kube-apiserver applies them. */
class PruningAndDefaultingTest {
  private static final JsonNode SCHEMA =
      json(
          "{'type':'object','properties':{'spec':{'type':'object','properties':{"
              + "'a':{'type':'string','default':'A'},"
              + "'n':{'type':'integer'},"
              + "'keep':{'type':'object','x-kubernetes-preserve-unknown-fields':true,"
              + "'properties':{'inner':{'type':'object','properties':{'k':{'type':'string'}}}}},"
              + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
              + "'free':{'type':'object','additionalProperties':true},"
              + "'items':{'type':'array','items':{'type':'object','properties':{"
              + "'name':{'type':'string'},'port':{'type':'integer','default':80}}}},"
              + "'template':{'type':'object','x-kubernetes-embedded-resource':true,"
              + "'properties':{'spec':{'type':'object','properties':{'x':{'type':'string'}}}}},"
              + "'opt':{'type':'string','nullable':true},"
              + "'obj':{'type':'object','default':{},'properties':{'d':{'type':'integer','default':3}}}"
              + "}},'status':{'type':'object','properties':{'ready':{'type':'boolean'}}}}}");

  @Test
  void unknownFieldsAreDroppedAndReportedByPath() {
    ObjectNode o =
        (ObjectNode)
            json(
                "{'apiVersion':'a/v1','kind':'K','metadata':{'name':'x','labels':{'l':'v'}},"
                    + "'top':1,'spec':{'n':1,'foo':2,'items':[{'name':'a','bar':3}],"
                    + "'keep':{'any':1,'inner':{'k':'v','gone':1}},'labels':{'x':'y'},"
                    + "'free':{'z':{'deep':1}},'template':{'apiVersion':'v1','kind':'Pod',"
                    + "'metadata':{'name':'p'},'spec':{'x':'1','y':2},'other':1}},"
                    + "'status':{'ready':true,'extra':1}}");
    assertThat(Pruning.prune(SCHEMA, o))
        .containsExactly(
            "top",
            "spec.foo",
            "spec.items[0].bar",
            "spec.keep.inner.gone",
            "spec.template.spec.y",
            "spec.template.other",
            "status.extra");
    assertThat(o.toString())
        .isEqualTo(
            json("{'apiVersion':'a/v1','kind':'K','metadata':{'name':'x','labels':{'l':'v'}},"
                    + "'spec':{'n':1,'items':[{'name':'a'}],"
                    + "'keep':{'any':1,'inner':{'k':'v'}},'labels':{'x':'y'},"
                    + "'free':{'z':{'deep':1}},'template':{'apiVersion':'v1','kind':'Pod',"
                    + "'metadata':{'name':'p'},'spec':{'x':'1'}}},"
                    + "'status':{'ready':true}}")
                .toString());
  }

  @Test
  void aSchemaPreservingUnknownFieldsAtTheRootPrunesNothing() {
    JsonNode schema = json("{'type':'object','x-kubernetes-preserve-unknown-fields':true}");
    ObjectNode o = (ObjectNode) json("{'apiVersion':'a/v1','kind':'K','spec':{'a':1},'x':2}");
    assertThat(Pruning.prune(schema, o)).isEmpty();
    assertThat(o.has("x")).isTrue();
  }

  @Test
  void defaultsFillMissingFieldsItemsAndNestedDefaults() {
    ObjectNode o =
        (ObjectNode)
            json("{'apiVersion':'a/v1','kind':'K','spec':{'items':[{'name':'a'},{'port':81}]}}");
    Defaulting.apply(SCHEMA, o);
    assertThat(o.at("/spec/a").asText()).isEqualTo("A");
    assertThat(o.at("/spec/items/0/port").asInt()).isEqualTo(80);
    assertThat(o.at("/spec/items/1/port").asInt()).isEqualTo(81);
    assertThat(o.at("/spec/obj/d").asInt()).isEqualTo(3);
    assertThat(o.has("status")).isFalse();
  }

  @Test
  void nullsAreDefaultedOrDroppedUnlessNullable() {
    ObjectNode o =
        (ObjectNode) json("{'apiVersion':'a/v1','kind':'K','spec':{'a':null,'n':null,'opt':null}}");
    Defaulting.apply(SCHEMA, o);
    assertThat(o.at("/spec/a").asText()).isEqualTo("A");
    assertThat(o.at("/spec").has("n")).isFalse();
    assertThat(o.at("/spec/opt").isNull()).isTrue();
  }

  @Test
  void defaultingIsIdempotent() {
    ObjectNode o = (ObjectNode) json("{'apiVersion':'a/v1','kind':'K','spec':{}}");
    Defaulting.apply(SCHEMA, o);
    String once = o.toString();
    Defaulting.apply(SCHEMA, o);
    assertThat(o.toString()).isEqualTo(once);
  }
}
