package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.KubernetesObject;
import dev.keelson.api.apply.FieldManager;
import dev.keelson.api.apply.FieldType;
import dev.keelson.api.apps.v1.Deployment;
import dev.keelson.api.core.v1.ConfigMap;
import dev.keelson.api.core.v1.Pod;
import dev.keelson.api.core.v1.Service;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation's records are those {@link KubeJson#convert} gives, sharing FieldsV1 trees. */
class TypedObjectsTest {
  private static ObjectNode json(String s) {
    return (ObjectNode) KubeJson.parse(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static final List<Object[]> OBJECTS =
      List.of(
          new Object[] {
            ConfigMap.class,
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'a','namespace':'n',"
                + "'labels':{'app':'x'},'annotations':{'k':'v'}},'data':{'k':'v','k2':'v2'},"
                + "'binaryData':{'b':'AAE='},'immutable':true}"
          },
          new Object[] {
            Pod.class,
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','namespace':'n'},"
                + "'spec':{'containers':[{'name':'c','image':'busybox','ports':[{"
                + "'containerPort':80,'protocol':'TCP'}],'resources':{'limits':{'cpu':'500m'}}}],"
                + "'tolerations':[{'key':'k','operator':'Exists'}]}}"
          },
          new Object[] {
            Deployment.class,
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
                + "'spec':{'replicas':2,'selector':{'matchLabels':{'a':'b'}},'template':{"
                + "'metadata':{'labels':{'a':'b'}},'spec':{'containers':[{'name':'c',"
                + "'image':'i'}]}}}}"
          },
          new Object[] {
            Service.class,
            "{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},'spec':{'ports':[{"
                + "'port':80,'targetPort':'http'}],'selector':{'a':'b'}}}"
          });

  @Test
  void createdObjectsConvertToTheSameRecords() {
    for (Object[] o : OBJECTS) {
      Class<?> type = (Class<?>) o[0];
      ObjectNode obj = json((String) o[1]);
      FieldManager.of(FieldType.forClass(type), null, false)
          .update(null, obj, new FieldManager.Writer("m", "v1", "", false, Instant.EPOCH));
      assertThat(obj.at("/metadata/managedFields/0/fieldsV1").isObject()).isTrue();
      assertSameRecord(type, obj);
      // the record shares the object's FieldsV1 tree
      KubernetesObject typed = TypedObjects.convert(obj, type);
      assertThat(typed.metadata().managedFields().get(0).fieldsV1())
          .isSameAs(obj.at("/metadata/managedFields/0/fieldsV1"));
    }
  }

  @Test
  void oddManagedFieldsConvertTheSame() {
    String meta =
        "{'apiVersion':'v1','kind':'ConfigMap','data':{'a':'b'},'metadata':{'name':'a',"
            + "'managedFields':%s}}";
    for (String managed :
        List.of(
            "[]",
            "null",
            "{}",
            "[{'manager':'m','operation':'Update','time':'2026-01-01T00:00:00Z',"
                + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'.':{},'f:a':{}}},"
                + "'subresource':'status','unknown':1}]",
            "[{'manager':'m'},{'manager':'n','fieldsV1':null},{'fieldsV1':[1,'x',{}]}]",
            "[{'manager':'m'},null]",
            "[{'manager':'m'},'x']",
            "[{'manager':'m','fieldsV1':{'a':1}},{'manager':'n','fieldsV1':2}]")) {
      assertSameRecord(ConfigMap.class, json(meta.formatted(managed)));
    }
  }

  @Test
  void badEntriesFailAsTheFullConversionFails() {
    for (String managed :
        List.of(
            "[{'manager':'m','fieldsV1':{'f:a':{}}},{'manager':'n','time':'yesterday'}]",
            "[{'manager':['m'],'fieldsV1':{}}]",
            "[{'fieldsV1':{},'time':5.5}]")) {
      ObjectNode obj =
          json(
              "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'a','managedFields':"
                  + managed
                  + "}}");
      Throwable full = catchThrowable(() -> KubeJson.convert(obj, ConfigMap.class));
      Throwable lean = catchThrowable(() -> TypedObjects.convert(obj, ConfigMap.class));
      assertThat(full).as(managed).isNotNull();
      assertThat(lean).as(managed).isNotNull().hasSameClassAs(full);
      assertThat(lean.getMessage()).as(managed).isEqualTo(full.getMessage());
    }
  }

  /** The same record, or the same failure. */
  private static void assertSameRecord(Class<?> type, ObjectNode obj) {
    String before = obj.toString();
    Throwable failed = catchThrowable(() -> KubeJson.convert(obj, type));
    if (failed != null) {
      assertThat(catchThrowable(() -> TypedObjects.convert(obj, type)))
          .as(before)
          .hasSameClassAs(failed)
          .hasMessage(failed.getMessage());
      return;
    }
    Object full = KubeJson.convert(obj, type);
    KubernetesObject lean = TypedObjects.convert(obj, type);
    assertThat(lean).as(before).isEqualTo(full);
    assertThat(obj.toString()).as("the object is left as it was").isEqualTo(before);
  }
}
