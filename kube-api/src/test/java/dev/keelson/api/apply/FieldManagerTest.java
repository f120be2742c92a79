package dev.keelson.api.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.errors.BadRequestException;
import dev.keelson.api.errors.ConflictException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.meta.StatusCause;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldManagerTest {
  private static final FieldManager DEPLOYMENTS =
      FieldManager.of(FieldType.forClass(Deployment.class), null, true);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static ObjectNode json(String s) {
    return (ObjectNode) KubeJson.parse(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static FieldManager.Writer by(String manager) {
    return new FieldManager.Writer(manager, "apps/v1", "", false, T0);
  }

  private static FieldManager.Writer forcedBy(String manager) {
    return new FieldManager.Writer(manager, "apps/v1", "", true, T0);
  }

  private static ObjectNode deployment(String spec) {
    return json(
        "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':"
            + spec
            + "}");
  }

  /** The paths manager {@code m} owns in {@code obj}, as text. */
  private static List<String> owned(JsonNode obj, String manager, String operation) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : obj.at("/metadata/managedFields")) {
      if (e.path("manager").asText().equals(manager)
          && e.path("operation").asText().equals(operation)) {
        FieldSet.fromFieldsV1(e.get("fieldsV1")).sorted().forEach(p -> out.add(p.toString()));
      }
    }
    return out;
  }

  @Test
  void applyCreatesAndRecordsAnApplyEntry() {
    ObjectNode obj = DEPLOYMENTS.apply(null, deployment("{'replicas':1,'paused':true}"), by("a"));
    assertThat(obj.at("/spec/replicas").asInt()).isEqualTo(1);
    JsonNode entry = obj.at("/metadata/managedFields/0");
    assertThat(entry.path("manager").asText()).isEqualTo("a");
    assertThat(entry.path("operation").asText()).isEqualTo("Apply");
    assertThat(entry.path("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(entry.path("time").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(entry.path("fieldsType").asText()).isEqualTo("FieldsV1");
    assertThat(entry.has("subresource")).isFalse();
    assertThat(entry.get("fieldsV1")).isEqualTo(json("{'f:spec':{'f:paused':{},'f:replicas':{}}}"));
  }

  @Test
  void aSecondManagerChangingAnOwnedFieldConflictsNamingFieldAndManager() {
    ObjectNode live = DEPLOYMENTS.apply(null, deployment("{'replicas':1}"), by("a"));
    assertThatThrownBy(() -> DEPLOYMENTS.apply(live, deployment("{'replicas':2}"), by("b")))
        .isInstanceOfSatisfying(
            ConflictException.class,
            e -> {
              assertThat(e.code()).isEqualTo(409);
              assertThat(e.reason()).isEqualTo("Conflict");
              assertThat(e.getMessage())
                  .isEqualTo("Apply failed with 1 conflict: conflict with \"a\": .spec.replicas");
              assertThat(e.details().causes())
                  .containsExactly(
                      new StatusCause(
                          "FieldManagerConflict", "conflict with \"a\"", ".spec.replicas"));
            });
  }

  @Test
  void theSameValueIsNoConflictAndBothOwnIt() {
    ObjectNode live = DEPLOYMENTS.apply(null, deployment("{'replicas':1}"), by("a"));
    ObjectNode next = DEPLOYMENTS.apply(live, deployment("{'replicas':1}"), by("b"));
    assertThat(owned(next, "a", "Apply")).containsExactly(".spec.replicas");
    assertThat(owned(next, "b", "Apply")).containsExactly(".spec.replicas");
  }

  @Test
  void forceTakesOwnershipAway() {
    ObjectNode live = DEPLOYMENTS.apply(null, deployment("{'replicas':1,'paused':true}"), by("a"));
    ObjectNode next = DEPLOYMENTS.apply(live, deployment("{'replicas':3}"), forcedBy("b"));
    assertThat(next.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(owned(next, "a", "Apply")).containsExactly(".spec.paused");
    assertThat(owned(next, "b", "Apply")).containsExactly(".spec.replicas");
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    ObjectNode live = DEPLOYMENTS.apply(null, deployment("{'replicas':1,'paused':true}"), by("a"));
    assertThatThrownBy(
            () -> DEPLOYMENTS.apply(live, deployment("{'replicas':2,'paused':false}"), by("b")))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "Apply failed with 2 conflicts: conflicts with \"a\":\n- .spec.paused\n- .spec.replicas");
  }

  @Test
  void fieldsAManagerStopsApplyingAreRemovedUnlessSomeoneElseOwnsThem() {
    ObjectNode live =
        DEPLOYMENTS.apply(
            null, deployment("{'replicas':1,'paused':true,'minReadySeconds':5}"), by("a"));
    live = DEPLOYMENTS.apply(live, deployment("{'minReadySeconds':5}"), by("b"));
    ObjectNode next = DEPLOYMENTS.apply(live, deployment("{'replicas':1}"), by("a"));
    assertThat(next.path("spec").has("paused")).isFalse();
    assertThat(next.at("/spec/minReadySeconds").asInt()).isEqualTo(5);
    assertThat(owned(next, "a", "Apply")).containsExactly(".spec.replicas");
  }

  @Test
  void keyedListsMergeByKeyAndItemsDroppedByTheirOwnerGo() {
    String a =
        "{'template':{'spec':{'containers':[{'name':'app','image':'app:1'},"
            + "{'name':'side','image':'side:1'}]}}}";
    ObjectNode live = DEPLOYMENTS.apply(null, deployment(a), by("a"));
    live =
        DEPLOYMENTS.apply(
            live,
            deployment(
                "{'template':{'spec':{'containers':[{'name':'app','imagePullPolicy':'Always'},"
                    + "{'name':'extra','image':'x:1'}]}}}"),
            by("b"));
    JsonNode containers = live.at("/spec/template/spec/containers");
    assertThat(containers).hasSize(3);
    assertThat(containers.get(0).path("image").asText()).isEqualTo("app:1");
    assertThat(containers.get(0).path("imagePullPolicy").asText()).isEqualTo("Always");
    ObjectNode next =
        DEPLOYMENTS.apply(
            live,
            deployment("{'template':{'spec':{'containers':[{'name':'app','image':'app:1'}]}}}"),
            by("a"));
    List<String> names = new ArrayList<>();
    next.at("/spec/template/spec/containers").forEach(c -> names.add(c.path("name").asText()));
    assertThat(names).containsExactly("app", "extra");
  }

  @Test
  void atomicListsAreReplacedWholeAndOwnedWhole() {
    String c = "{'template':{'spec':{'containers':[{'name':'app','args':['x','y']}]}}}";
    ObjectNode live = DEPLOYMENTS.apply(null, deployment(c), by("a"));
    assertThatThrownBy(
            () ->
                DEPLOYMENTS.apply(
                    live,
                    deployment(
                        "{'template':{'spec':{'containers':[{'name':'app','args':['z']}]}}}"),
                    by("b")))
        .hasMessageContaining(".spec.template.spec.containers[name=\"app\"].args");
  }

  @Test
  void setsMergeByValue() {
    ObjectNode live =
        DEPLOYMENTS.apply(
            null,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                    + "'finalizers':['a/one']}}"),
            by("a"));
    ObjectNode next =
        DEPLOYMENTS.apply(
            live,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
                    + "'finalizers':['b/two']}}"),
            by("b"));
    assertThat(next.at("/metadata/finalizers").toString()).isEqualTo("[\"a/one\",\"b/two\"]");
    assertThat(owned(next, "b", "Apply")).containsExactly(".metadata.finalizers[=\"b/two\"]");
  }

  @Test
  void mapsMergeByKey() {
    ObjectNode live =
        DEPLOYMENTS.apply(
            null,
            json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'labels':{'a':'1'}}}"),
            by("a"));
    ObjectNode next =
        DEPLOYMENTS.apply(
            live,
            json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'labels':{'b':'2'}}}"),
            by("b"));
    assertThat(next.at("/metadata/labels")).isEqualTo(json("{'a':'1','b':'2'}"));
    ObjectNode dropped =
        DEPLOYMENTS.apply(
            next,
            json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'labels':{}}}"),
            by("a"));
    assertThat(dropped.at("/metadata/labels")).isEqualTo(json("{'b':'2'}"));
  }

  @Test
  void anUpdateOwnsWhatItChangedAndTakesItFromAppliers() {
    ObjectNode live = DEPLOYMENTS.apply(null, deployment("{'replicas':1,'paused':true}"), by("a"));
    ObjectNode updated = live.deepCopy();
    ((ObjectNode) updated.get("spec")).put("replicas", 5);
    DEPLOYMENTS.update(live, updated, by("kubectl-edit"));
    assertThat(owned(updated, "kubectl-edit", "Update")).containsExactly(".spec.replicas");
    assertThat(owned(updated, "a", "Apply")).containsExactly(".spec.paused");
    // Update conflicts are described with their API version
    assertThatThrownBy(() -> DEPLOYMENTS.apply(updated, deployment("{'replicas':1}"), by("a")))
        .hasMessage(
            "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1:"
                + " .spec.replicas");
  }

  @Test
  void managedFieldsOfOneEmptyEntryResetThem() {
    ObjectNode live = DEPLOYMENTS.apply(null, deployment("{'replicas':1}"), by("a"));
    ObjectNode updated = live.deepCopy();
    ((ObjectNode) updated.get("metadata")).putArray("managedFields").addObject();
    DEPLOYMENTS.update(live, updated, by("x"));
    assertThat(updated.path("metadata").has("managedFields")).isFalse();
  }

  @Test
  void statusIsNotOwnedThroughTheMainResource() {
    ObjectNode obj =
        DEPLOYMENTS.apply(
            null,
            json(
                "{'apiVersion':'apps/v1','kind':'Deployment','spec':{'replicas':1},"
                    + "'status':{'replicas':1}}"),
            by("a"));
    assertThat(owned(obj, "a", "Apply")).containsExactly(".spec.replicas");
  }

  @Test
  void duplicateKeysInAnAppliedListAreRefused() {
    assertThatThrownBy(
            () ->
                DEPLOYMENTS.apply(
                    null,
                    deployment("{'template':{'spec':{'containers':[{'name':'a'},{'name':'a'}]}}}"),
                    by("a")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("duplicate entries for key [name=\"a\"]");
  }

  @Test
  void aNoOpApplyKeepsItsTime() {
    ObjectNode live = DEPLOYMENTS.apply(null, deployment("{'replicas':1}"), by("a"));
    ObjectNode again =
        DEPLOYMENTS.apply(
            live,
            deployment("{'replicas':1}"),
            new FieldManager.Writer("a", "apps/v1", "", false, T0.plusSeconds(60)));
    assertThat(again).isEqualTo(live);
  }
}
