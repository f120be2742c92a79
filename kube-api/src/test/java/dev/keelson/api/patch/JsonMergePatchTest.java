package dev.keelson.api.patch;

import static dev.keelson.api.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergePatchTest {

  /** RFC 7386 appendix A, every row: original, patch, result. */
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "{'a':'b'}                | {'a':'c'}             | {'a':'c'}",
        "{'a':'b'}                | {'b':'c'}             | {'a':'b','b':'c'}",
        "{'a':'b'}                | {'a':null}            | {}",
        "{'a':'b','b':'c'}        | {'a':null}            | {'b':'c'}",
        "{'a':['b']}              | {'a':'c'}             | {'a':'c'}",
        "{'a':'c'}                | {'a':['b']}           | {'a':['b']}",
        "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
        "{'a':[{'b':'c'}]}        | {'a':[1]}             | {'a':[1]}",
        "['a','b']                | ['c','d']             | ['c','d']",
        "{'a':'b'}                | ['c']                 | ['c']",
        "{'a':'foo'}              | null                  | null",
        "{'a':'foo'}              | 'bar'                 | 'bar'",
        "{'e':null}               | {'a':1}               | {'e':null,'a':1}",
        "[1,2]                    | {'a':'b','c':null}    | {'a':'b'}",
        "{}                       | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}",
      })
  void rfc7386AppendixA(String original, String patch, String result) {
    JsonNode target = json(original);
    JsonNode before = target.deepCopy();
    JsonNode patchNode = json(patch);
    JsonNode patchBefore = patchNode.deepCopy();
    assertThat(JsonMergePatch.apply(target, patchNode)).isEqualTo(json(result));
    assertThat(target).isEqualTo(before);
    assertThat(patchNode).isEqualTo(patchBefore);
  }

  @Test
  void mergesNestedObjectsOfAnObject() {
    JsonNode pod =
        json(
            "{'metadata':{'name':'p','labels':{'a':'1','b':'2'}},"
                + "'spec':{'containers':[{'name':'c','image':'x'}]}}");
    JsonNode patched =
        JsonMergePatch.apply(
            pod,
            json(
                "{'metadata':{'labels':{'a':null,'c':'3'}},"
                    + "'spec':{'containers':[{'name':'c','image':'y'}]}}"));
    assertThat(patched)
        .isEqualTo(
            json(
                "{'metadata':{'name':'p','labels':{'b':'2','c':'3'}},"
                    + "'spec':{'containers':[{'name':'c','image':'y'}]}}"));
  }

  @Test
  void resultSharesNoNodesWithThePatch() {
    JsonNode patch = json("{'a':{'b':[1]}}");
    JsonNode result = JsonMergePatch.apply(json("{}"), patch);
    ((com.fasterxml.jackson.databind.node.ArrayNode) result.get("a").get("b")).add(2);
    assertThat(patch).isEqualTo(json("{'a':{'b':[1]}}"));
  }
}
