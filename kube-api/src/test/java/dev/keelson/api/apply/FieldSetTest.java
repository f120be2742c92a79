package dev.keelson.api.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.apply.internal.Walks;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldSetTest {
  private static JsonNode json(String s) {
    return KubeJson.parse(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static final FieldType DEPLOYMENT = FieldType.forClass(Deployment.class);

  @Test
  void fieldsV1RoundTripsWithMembersMarkedByDot() {
    JsonNode wire =
        json(
            "{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:replicas':{},"
                + "'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':"
                + "{'.':{},'f:image':{},'f:name':{}}}}}}}");
    FieldSet set = FieldSet.fromFieldsV1(wire);
    assertThat(set.size()).isEqualTo(6);
    assertThat(set.contains(FieldPath.of("metadata", "labels"))).isTrue();
    assertThat(set.contains(FieldPath.of("spec"))).isFalse();
    assertThat(set.toFieldsV1()).isEqualTo(wire);
  }

  @Test
  void pathsPrintAsKubernetesPrintsThem() {
    FieldSet set =
        FieldSet.fromFieldsV1(
            json(
                "{'f:spec':{'f:containers':{'k:{\\'name\\':\\'c\\'}':{'f:image':{}}}},"
                    + "'f:metadata':{'f:finalizers':{'v:\\'a/b\\'':{}}},'f:x':{'i:3':{}}}"));
    assertThat(set.sorted().stream().map(FieldPath::toString))
        .containsExactly(
            ".metadata.finalizers[=\"a/b\"]", ".spec.containers[name=\"c\"].image", ".x[3]");
  }

  @Test
  void badFieldsV1IsRefused() {
    assertThatThrownBy(() -> FieldSet.fromFieldsV1(json("{'q:x':{}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("q:x");
  }

  @Test
  void anAppliedDeploymentOwnsItsLeavesItsListItemsAndAtomicSelector() {
    JsonNode config =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'w','labels':{'app':'w'}},"
                + "'spec':{'replicas':2,'selector':{'matchLabels':{'app':'w'}},'template':{'metadata':"
                + "{'labels':{'app':'w'}},'spec':{'containers':[{'name':'c','image':'i',"
                + "'ports':[{'containerPort':80}],'args':['a','b']}]}}}}");
    FieldSet set = FieldSet.of(Walks.fieldSet(config, DEPLOYMENT));
    assertThat(set.sorted().stream().map(FieldPath::toString))
        .contains(
            ".metadata.labels.app",
            ".spec.replicas",
            ".spec.selector",
            ".spec.template.spec.containers[name=\"c\"]",
            ".spec.template.spec.containers[name=\"c\"].image",
            ".spec.template.spec.containers[name=\"c\"].args",
            ".spec.template.spec.containers[name=\"c\"].ports[containerPort=80]",
            ".spec.template.spec.containers[name=\"c\"].ports[containerPort=80].containerPort")
        .doesNotContain(".spec", ".spec.selector.matchLabels.app", ".metadata.labels");
  }

  @Test
  void customResourceSchemasGiveListTypesAndMapTypes() {
    JsonNode schema =
        json(
            "{'type':'object','properties':{'spec':{'type':'object','properties':{"
                + "'ports':{'type':'array','x-kubernetes-list-type':'map',"
                + "'x-kubernetes-list-map-keys':['port','protocol'],'items':{'type':'object',"
                + "'properties':{'port':{'type':'integer'},'protocol':{'type':'string'}}}},"
                + "'tags':{'type':'array','x-kubernetes-list-type':'set','items':{'type':'string'}},"
                + "'args':{'type':'array','items':{'type':'string'}},"
                + "'env':{'type':'object','additionalProperties':{'type':'string'}},"
                + "'ref':{'type':'object','x-kubernetes-map-type':'atomic','properties':"
                + "{'name':{'type':'string'}}},"
                + "'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}}}");
    FieldType t = FieldType.forCustomResource(schema);
    JsonNode obj =
        json(
            "{'metadata':{'labels':{'a':'b'}},'spec':{'ports':[{'port':80,'protocol':'TCP'}],"
                + "'tags':['x'],'args':['y'],'env':{'K':'V'},'ref':{'name':'n'},"
                + "'free':{'deep':{'x':1}}}}");
    assertThat(FieldSet.of(Walks.fieldSet(obj, t)).sorted().stream().map(FieldPath::toString))
        .containsExactlyInAnyOrder(
            ".metadata.labels.a",
            ".spec.ports[port=80,protocol=\"TCP\"]",
            ".spec.ports[port=80,protocol=\"TCP\"].port",
            ".spec.ports[port=80,protocol=\"TCP\"].protocol",
            ".spec.tags[=\"x\"]",
            ".spec.args",
            ".spec.env.K",
            ".spec.ref",
            ".spec.free.deep",
            ".spec.free.deep.x");
  }
}
