package dev.keelson.api.patch;

import static dev.keelson.api.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.keelson.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class JsonPatchTest {

  private static JsonNode apply(String doc, String patch) {
    return JsonPatch.apply(json(doc), json(patch));
  }

  private static void assertApplies(String doc, String patch, String expected) {
    JsonNode original = json(doc);
    JsonNode before = original.deepCopy();
    JsonNode patchNode = json(patch);
    JsonNode patchBefore = patchNode.deepCopy();
    assertThat(JsonPatch.apply(original, patchNode)).isEqualTo(json(expected));
    assertThat(original).as("the document is not modified").isEqualTo(before);
    assertThat(patchNode).as("the patch is not modified").isEqualTo(patchBefore);
  }

  private static PatchFailedException failure(String doc, String patch) {
    try {
      apply(doc, patch);
    } catch (PatchFailedException e) {
      return e;
    }
    throw new AssertionError("expected the patch to fail");
  }

  // RFC 6902 appendix A.

  @Test
  void a1AddingAnObjectMember() {
    assertApplies(
        "{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]", "{'baz':'qux','foo':'bar'}");
  }

  @Test
  void a2AddingAnArrayElement() {
    assertApplies(
        "{'foo':['bar','baz']}",
        "[{'op':'add','path':'/foo/1','value':'qux'}]",
        "{'foo':['bar','qux','baz']}");
  }

  @Test
  void a3RemovingAnObjectMember() {
    assertApplies("{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}");
  }

  @Test
  void a4RemovingAnArrayElement() {
    assertApplies(
        "{'foo':['bar','qux','baz']}",
        "[{'op':'remove','path':'/foo/1'}]",
        "{'foo':['bar','baz']}");
  }

  @Test
  void a5ReplacingAValue() {
    assertApplies(
        "{'baz':'qux','foo':'bar'}",
        "[{'op':'replace','path':'/baz','value':'boo'}]",
        "{'baz':'boo','foo':'bar'}");
  }

  @Test
  void a6MovingAValue() {
    assertApplies(
        "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
        "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
        "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}");
  }

  @Test
  void a7MovingAnArrayElement() {
    assertApplies(
        "{'foo':['all','grass','cows','eat']}",
        "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
        "{'foo':['all','cows','eat','grass']}");
  }

  @Test
  void a8TestingAValueSuccess() {
    assertApplies(
        "{'baz':'qux','foo':['a',2,'c']}",
        "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]",
        "{'baz':'qux','foo':['a',2,'c']}");
  }

  @Test
  void a9TestingAValueErrorIsA422NamingTheOperation() {
    PatchFailedException e =
        failure("{'baz':'qux'}", "[{'op':'test','path':'/baz','value':'bar'}]");
    assertThat(e.code()).isEqualTo(422);
    assertThat(e.reason()).isEqualTo("Invalid");
    assertThat(e.getMessage())
        .isEqualTo(
            "json patch operations[0] (test \"/baz\"): test failed: the value is \"qux\", not \"bar\"");
    assertThat(e.causes()).singleElement().satisfies(c -> assertThat(c.field()).isEqualTo("/baz"));
  }

  @Test
  void a10AddingANestedMemberObject() {
    assertApplies(
        "{'foo':'bar'}",
        "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
        "{'foo':'bar','child':{'grandchild':{}}}");
  }

  @Test
  void a11UnrecognizedMembersOfAnOperationAreIgnored() {
    assertApplies(
        "{'foo':'bar'}",
        "[{'op':'add','path':'/baz','value':'qux','xyz':123}]",
        "{'foo':'bar','baz':'qux'}");
  }

  @Test
  void a12AddingToANonexistentTargetFails() {
    assertThat(failure("{'foo':'bar'}", "[{'op':'add','path':'/baz/bat','value':'qux'}]"))
        .hasMessage(
            "json patch operations[0] (add \"/baz/bat\"): path \"/baz\" does not exist:"
                + " no member \"baz\" in the document");
  }

  @Test
  void a14TildeEscapesAreDecodedInOrder() {
    assertApplies("{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':10}]", "{'/':9,'~1':10}");
  }

  @Test
  void a15AStringIsNotEqualToANumber() {
    assertThat(failure("{'/':9,'~1':10}", "[{'op':'test','path':'/~01','value':'10'}]"))
        .hasMessageContaining("test failed: the value is 10, not \"10\"");
  }

  @Test
  void a16AddingAnArrayValueAppendsItAsOneElement() {
    assertApplies(
        "{'foo':['bar']}",
        "[{'op':'add','path':'/foo/-','value':['abc','def']}]",
        "{'foo':['bar',['abc','def']]}");
  }

  // Beyond the appendix.

  @Test
  void slashEscapeAddressesMemberWithSlash() {
    assertApplies(
        "{'metadata':{'labels':{'app.kubernetes.io/name':'a'}}}",
        "[{'op':'replace','path':'/metadata/labels/app.kubernetes.io~1name','value':'b'}]",
        "{'metadata':{'labels':{'app.kubernetes.io/name':'b'}}}");
  }

  @Test
  void emptyPathAddressesTheWholeDocument() {
    assertApplies("{'a':1}", "[{'op':'replace','path':'','value':{'b':2}}]", "{'b':2}");
    assertApplies("{'a':1}", "[{'op':'add','path':'','value':[1]}]", "[1]");
  }

  @Test
  void emptyMemberNameIsALegalToken() {
    assertApplies("{'':{'':1}}", "[{'op':'replace','path':'//','value':2}]", "{'':{'':2}}");
  }

  @Test
  void addAtTheEndIndexAppendsAndReplaceOfObjectMemberOverwrites() {
    assertApplies(
        "{'a':[1,2],'b':{'c':1}}",
        "[{'op':'add','path':'/a/2','value':3},{'op':'add','path':'/b/c','value':2}]",
        "{'a':[1,2,3],'b':{'c':2}}");
  }

  @Test
  void copyDuplicatesAValueIndependently() {
    assertApplies(
        "{'a':{'x':[1]}}",
        "[{'op':'copy','from':'/a','path':'/b'},{'op':'add','path':'/b/x/-','value':2}]",
        "{'a':{'x':[1]},'b':{'x':[1,2]}}");
  }

  @Test
  void moveToItselfIsANoOpAndIntoItsOwnChildFails() {
    assertApplies("{'a':{'b':1}}", "[{'op':'move','from':'/a','path':'/a'}]", "{'a':{'b':1}}");
    assertThat(failure("{'a':{'b':1}}", "[{'op':'move','from':'/a','path':'/a/b/c'}]"))
        .hasMessageContaining("cannot move \"/a\" into its own child \"/a/b/c\"");
  }

  @Test
  void testComparesNumbersByValueAndObjectsIgnoringMemberOrder() {
    assertApplies(
        "{'n':1,'o':{'a':1,'b':[1.0,{'c':null}]}}",
        "[{'op':'test','path':'/n','value':1.0},"
            + "{'op':'test','path':'/o','value':{'b':[1,{'c':null}],'a':1.00}}]",
        "{'n':1,'o':{'a':1,'b':[1.0,{'c':null}]}}");
    assertThat(failure("{'a':[1,2]}", "[{'op':'test','path':'/a','value':[2,1]}]"))
        .hasMessageContaining("test failed");
    assertThat(failure("{'a':{'b':1}}", "[{'op':'test','path':'/a','value':{'b':1,'c':2}}]"))
        .hasMessageContaining("test failed");
  }

  @Test
  void patchIsAtomicWhenALaterOperationFails() {
    JsonNode doc = json("{'a':1}");
    assertThatThrownBy(
            () ->
                JsonPatch.apply(
                    doc,
                    json(
                        "[{'op':'replace','path':'/a','value':2},"
                            + "{'op':'test','path':'/a','value':3}]")))
        .isInstanceOf(PatchFailedException.class)
        .hasMessageStartingWith("json patch operations[1] (test \"/a\")");
    assertThat(doc).isEqualTo(json("{'a':1}"));
  }

  @Test
  void arrayIndexRules() {
    String doc = "{'a':[0,1,2]}";
    assertThat(failure(doc, "[{'op':'replace','path':'/a/01','value':9}]"))
        .hasMessage(
            "json patch operations[0] (replace \"/a/01\"): path \"/a/01\": \"01\" is not a valid"
                + " index into the array \"/a\" (digits without leading zeros)");
    assertThat(failure(doc, "[{'op':'remove','path':'/a/3'}]"))
        .hasMessage(
            "json patch operations[0] (remove \"/a/3\"): path \"/a/3\": index 3 is out of range for"
                + " the array \"/a\" of 3 elements");
    assertThat(failure(doc, "[{'op':'add','path':'/a/4','value':9}]"))
        .hasMessageContaining(
            "index 4 is out of range for adding to the array \"/a\" of 3 elements");
    assertThat(failure(doc, "[{'op':'add','path':'/a/-1','value':9}]"))
        .hasMessageContaining("\"-1\" is not a valid index");
    assertThat(failure(doc, "[{'op':'replace','path':'/a/-','value':9}]"))
        .hasMessageContaining("\"-\" is not a valid index");
    assertThat(failure(doc, "[{'op':'add','path':'/a/x','value':9}]"))
        .hasMessageContaining("\"x\" is not a valid index");
    assertThat(failure(doc, "[{'op':'remove','path':'/a/99999999999999999999'}]"))
        .hasMessageContaining("index 99999999999999999999 is out of range");
    assertApplies(doc, "[{'op':'remove','path':'/a/0'}]", "{'a':[1,2]}");
  }

  @Test
  void badPointersAreRejectedWithTheReason() {
    assertThat(failure("{'a':1}", "[{'op':'remove','path':'a'}]"))
        .hasMessage(
            "json patch operations[0] (remove \"a\"): \"path\": invalid JSON pointer \"a\": it must"
                + " be empty or start with \"/\"");
    assertThat(failure("{'a':1}", "[{'op':'remove','path':'/a~2'}]"))
        .hasMessageContaining("\"~\" must be followed by \"0\" or \"1\"");
    assertThat(failure("{'a':1}", "[{'op':'copy','from':'/a~','path':'/b'}]"))
        .hasMessageContaining("\"from\": invalid JSON pointer \"/a~\"");
  }

  @Test
  void pathsThroughScalarsOrMissingMembersFail() {
    assertThat(failure("{'a':1}", "[{'op':'add','path':'/a/b','value':1}]"))
        .hasMessageContaining("\"/a\" is a number, not an object or array");
    assertThat(failure("{'a':{}}", "[{'op':'replace','path':'/a/b','value':1}]"))
        .hasMessageContaining("path \"/a/b\" does not exist: no member \"b\" in \"/a\"");
    assertThat(failure("{'a':{}}", "[{'op':'remove','path':'/a/b'}]"))
        .hasMessageContaining("no member \"b\" in \"/a\"");
    assertThat(failure("{'a':{}}", "[{'op':'test','path':'/x/y','value':1}]"))
        .hasMessageContaining("no member \"x\" in the document");
    assertThat(failure("{'a':1}", "[{'op':'remove','path':''}]"))
        .hasMessageContaining("cannot remove the whole document");
  }

  @Test
  void malformedOperationsFailAtTheirIndex() {
    assertThat(failure("{}", "[{'op':'test','path':'','value':{}},{'path':'/a'}]"))
        .hasMessage("json patch operations[1] (\"/a\"): missing \"op\"");
    assertThat(failure("{}", "[{'op':'frobnicate','path':'/a'}]"))
        .hasMessage(
            "json patch operations[0] (frobnicate \"/a\"): unknown op \"frobnicate\" (expected add,"
                + " remove, replace, move, copy or test)");
    assertThat(failure("{}", "[{'op':'add','value':1}]"))
        .hasMessage("json patch operations[0] (add): missing \"path\"");
    assertThat(failure("{}", "[{'op':'add','path':'/a'}]"))
        .hasMessage("json patch operations[0] (add \"/a\"): missing \"value\"");
    assertThat(failure("{'a':1}", "[{'op':'move','path':'/b'}]"))
        .hasMessage("json patch operations[0] (move \"/b\"): missing \"from\"");
    assertThat(failure("{}", "[{'op':1,'path':'/a'}]"))
        .hasMessageContaining("\"op\" must be a string, got number");
    assertThat(failure("{}", "[{'op':'remove','path':7}]"))
        .hasMessageContaining("\"path\" must be a string, got number");
  }

  @Test
  void aPatchThatIsNotAnArrayOfObjectsIsABadRequest() {
    assertThatThrownBy(() -> apply("{}", "{'op':'add','path':'/a','value':1}"))
        .isInstanceOf(PatchException.class)
        .hasMessage("json patch must be an array of operations, got object")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(400));
    assertThatThrownBy(() -> apply("{}", "[{'op':'add','path':'/a','value':1}, 'remove']"))
        .isInstanceOf(PatchException.class)
        .hasMessage("json patch operations[1] must be an object, got string");
  }

  @Test
  void nullValueIsAValue() {
    assertApplies("{}", "[{'op':'add','path':'/a','value':null}]", "{'a':null}");
    assertApplies("{'a':null}", "[{'op':'test','path':'/a','value':null}]", "{'a':null}");
  }

  @Test
  void emptyPatchReturnsAnEqualCopy() {
    JsonNode doc = json("{'a':[1]}");
    JsonNode result = JsonPatch.apply(doc, json("[]"));
    assertThat(result).isEqualTo(doc).isNotSameAs(doc);
  }

  @Test
  void tooManyOperationsIsA413LikeKubernetes() {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < 10_001; i++) {
      ops.add(json("{'op':'test','path':'','value':{}}"));
    }
    assertThatThrownBy(() -> JsonPatch.apply(json("{}"), ops))
        .isInstanceOf(PatchTooLargeException.class)
        .hasMessage(
            "Request entity too large: The allowed maximum operations in a JSON patch is 10000,"
                + " got 10001")
        .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(413));
    ops.remove(0);
    assertThat(JsonPatch.apply(json("{}"), ops)).isEqualTo(json("{}"));
  }

  @Test
  void repeatedCopiesCannotBlowUpMemory() {
    // Each copy doubles the document: 40 of them would need terabytes.
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    ops.add(json("{'op':'add','path':'/a','value':'" + "x".repeat(1000) + "'}"));
    for (int i = 0; i < 40; i++) {
      ops.add(json("{'op':'add','path':'/t','value':[]}"));
      ops.add(json("{'op':'copy','from':'/a','path':'/t/-'}"));
      ops.add(json("{'op':'copy','from':'/a','path':'/t/-'}"));
      ops.add(json("{'op':'move','from':'/t','path':'/a'}"));
    }
    assertThatThrownBy(() -> JsonPatch.apply(json("{}"), ops))
        .isInstanceOf(PatchFailedException.class)
        .hasMessageContaining("the copies of this patch would add more than 3145728 bytes");
  }

  @Test
  void copyLimitIsConfigurable() {
    JsonPatchLimits limits = new JsonPatchLimits(10, 20, Long.MAX_VALUE);
    JsonNode doc = json("{'a':'0123456789'}"); // 12 bytes as JSON
    assertThat(JsonPatch.apply(doc, json("[{'op':'copy','from':'/a','path':'/b'}]"), limits))
        .isEqualTo(json("{'a':'0123456789','b':'0123456789'}"));
    assertThatThrownBy(
            () ->
                JsonPatch.apply(
                    doc,
                    json(
                        "[{'op':'copy','from':'/a','path':'/b'},"
                            + "{'op':'copy','from':'/a','path':'/c'}]"),
                    limits))
        .isInstanceOf(PatchFailedException.class)
        .hasMessageStartingWith("json patch operations[1] (copy \"/c\")");
  }

  @Test
  void resultSizeLimitIsConfigurable() {
    JsonPatchLimits limits = JsonPatchLimits.KUBERNETES.withMaxResultBytes(50);
    JsonNode doc = json("{}");
    assertThat(
            JsonPatch.apply(
                doc, json("[{'op':'add','path':'/a','value':'" + "x".repeat(20) + "'}]"), limits))
        .hasSize(1);
    assertThatThrownBy(
            () ->
                JsonPatch.apply(
                    doc,
                    json("[{'op':'add','path':'/a','value':'" + "x".repeat(60) + "'}]"),
                    limits))
        .isInstanceOf(PatchTooLargeException.class)
        .hasMessage(
            "Request entity too large: the patched object is larger than the limit of 50 bytes");
  }
}
