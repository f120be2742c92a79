package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.json.KubeJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A create encodes its object once: the stored bytes are {@link StoredObjects#write}'s, and the
 * answer (those bytes with the resource version inserted) is what encoding the object again after
 * setting its resource version gives, byte for byte.
 */
class StoredObjectsTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static ObjectNode json(String s) {
    return (ObjectNode) KubeJson.parse(s.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private static void assertEncodedOnce(ObjectNode obj) {
    String before = obj.toString();
    StoredObjects.Encoded e = StoredObjects.encodeNew(obj);
    assertThat(e).as(before).isNotNull();
    assertThat(e.stored()).as(before).isEqualTo(StoredObjects.write(obj));
    byte[] answer = e.withResourceVersion("123456");
    ((ObjectNode) obj.get("metadata")).put("resourceVersion", "123456");
    assertThat(new String(answer, StandardCharsets.UTF_8))
        .as(before)
        .isEqualTo(new String(KubeJson.encode(obj), StandardCharsets.UTF_8));
  }

  @Test
  void aConfigMapsAnswerIsItsStoredBytesWithTheResourceVersion() {
    assertEncodedOnce(
        json(
            "{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'a','namespace':'n',"
                + "'uid':'u','creationTimestamp':'2026-01-01T00:00:00Z','managedFields':[{"
                + "'manager':'m','fieldsV1':{'f:data':{'.':{},'f:k':{}}}}]},'data':{'k':'v'}}"));
  }

  @Test
  void metadataAnywhereAndAwkwardValuesEncodeTheSame() {
    assertEncodedOnce(json("{'metadata':{'name':'first'},'kind':'X','spec':{'a':[1,2.5,null]}}"));
    assertEncodedOnce(
        json(
            "{'kind':'X','spec':{'s':'caf\\u00e9 \\u2603 \\\\ \\\" \\n \\u0001 </script>'},"
                + "'metadata':{'labels':{'k':'v'},'annotations':{}}}"));
    ObjectNode numbers = json("{'metadata':{'name':'n'},'spec':{}}");
    ObjectNode spec = (ObjectNode) numbers.get("spec");
    spec.put("big", new BigDecimal("12345678901234567890.123456789"));
    spec.put("long", Long.MAX_VALUE);
    spec.put("double", 1e-7);
    spec.put("float", 0.1f);
    spec.putNull("nothing");
    spec.putArray("empty");
    spec.putObject("emptyObject");
    spec.put("binary", new byte[] {1, 2, 3});
    assertEncodedOnce(numbers);
  }

  @Test
  void randomObjectsEncodeTheSame() {
    Random random = new Random(11);
    for (int i = 0; i < 300; i++) {
      ObjectNode obj = F.objectNode();
      int at = random.nextInt(4);
      for (int k = 0; k < 4; k++) {
        if (k == at) {
          ObjectNode m = obj.putObject("metadata");
          m.put("name", "o" + i);
          for (int f = random.nextInt(4); f > 0; f--) {
            m.set("f" + random.nextInt(6), value(random, 0));
          }
        } else {
          obj.set("field" + k, value(random, 0));
        }
      }
      assertEncodedOnce(obj);
    }
  }

  @Test
  void objectsItCannotEncodeOnceAreLeftToWrite() {
    assertThat(StoredObjects.encodeNew(json("{'kind':'X'}"))).isNull();
    assertThat(StoredObjects.encodeNew(json("{'metadata':{}}"))).isNull();
    assertThat(StoredObjects.encodeNew(json("{'metadata':[]}"))).isNull();
    assertThat(StoredObjects.encodeNew(json("{'metadata':{'name':'a','resourceVersion':'1'}}")))
        .isNull();
  }

  private static JsonNode value(Random random, int depth) {
    switch (random.nextInt(depth > 2 ? 5 : 7)) {
      case 0:
        return F.textNode(text(random));
      case 1:
        return F.numberNode(random.nextLong());
      case 2:
        return F.numberNode(random.nextDouble() * 1e6);
      case 3:
        return F.nullNode();
      case 4:
        return F.booleanNode(random.nextBoolean());
      case 5:
        ObjectNode o = F.objectNode();
        for (int k = random.nextInt(4); k > 0; k--) {
          o.set(text(random), value(random, depth + 1));
        }
        return o;
      default:
        ArrayNode a = F.arrayNode();
        for (int k = random.nextInt(4); k > 0; k--) {
          a.add(value(random, depth + 1));
        }
        return a;
    }
  }

  private static String text(Random random) {
    StringBuilder b = new StringBuilder();
    for (int k = random.nextInt(8); k > 0; k--) {
      b.append(
          (char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : 'a' + random.nextInt(26)));
    }
    return b.toString();
  }
}
