package dev.keelson.api.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keelson.api.golden.GoldenKinds;
import dev.keelson.api.json.KubeJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A create's managedFields written straight from the object ({@link FieldManager#update} with no
 * old object) are byte for byte those of the general comparison path, on every golden manifest, on
 * random variations of them and on random free-form objects.
 */
class FieldManagerCreateTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The managers a create can meet: with and without a status subresource, and status writes. */
  private static List<FieldManager> managers(FieldType type) {
    return List.of(
        FieldManager.of(type, null, false),
        FieldManager.of(type, null, true),
        FieldManager.of(type, "status", true));
  }

  private static int compared;

  /** Asserts both paths give the same bytes; returns how many pairs it compared. */
  private static void assertSame(FieldType type, ObjectNode obj, String what) {
    for (FieldManager fm : managers(type)) {
      for (String sub : new String[] {"", "status"}) {
        FieldManager.Writer w = new FieldManager.Writer("kubectl", "v1", sub, false, T0);
        ObjectNode fast = obj.deepCopy();
        ObjectNode general = obj.deepCopy();
        fm.update(null, fast, w);
        fm.updateByComparison(null, general, w);
        assertThat(new String(KubeJson.encode(fast), StandardCharsets.UTF_8))
            .as(what)
            .isEqualTo(new String(KubeJson.encode(general), StandardCharsets.UTF_8));
        compared++;
      }
    }
  }

  @Test
  void everyGoldenManifestGetsTheSameManagedFieldsAsTheGeneralPath() {
    compared = 0;
    for (GoldenKinds.Golden g : GoldenKinds.all()) {
      Class<?> record = GoldenKinds.KEELSON.get(g.key());
      if (record == null) {
        continue;
      }
      ObjectNode obj = (ObjectNode) g.tree().deepCopy();
      assertSame(FieldType.forClass(record), obj, g.file());
      ((ObjectNode) obj.get("metadata")).putArray("managedFields");
      assertSame(FieldType.forClass(record), obj, g.file() + " with managedFields: []");
      // as the server creates it: metadata filled in
      ObjectNode m = (ObjectNode) obj.get("metadata");
      m.remove("managedFields");
      m.put("uid", "8a6f3c2e-0000-4000-8000-000000000001");
      m.put("creationTimestamp", "2026-01-01T00:00:00Z");
      m.put("namespace", "default");
      assertSame(FieldType.forClass(record), obj, g.file() + " as created");
    }
    assertThat(compared).as("pairs compared").isGreaterThan(30 * 3 * 6);
  }

  @Test
  void randomVariationsOfTheGoldenManifestsGetTheSameManagedFields() {
    Random random = new Random(20261126);
    List<GoldenKinds.Golden> all = GoldenKinds.all();
    int checked = 0;
    for (int round = 0; round < 8; round++) {
      for (GoldenKinds.Golden g : all) {
        Class<?> record = GoldenKinds.KEELSON.get(g.key());
        if (record == null) {
          continue;
        }
        ObjectNode obj = (ObjectNode) g.tree().deepCopy();
        mutate(obj, random, 0);
        assertSame(FieldType.forClass(record), obj, g.file() + " variation " + obj);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(200);
  }

  @Test
  void randomFreeFormObjectsGetTheSameManagedFields() {
    Random random = new Random(7);
    FieldType crd =
        FieldType.forCustomResource(
            KubeJson.parse(
                ("{'type':'object','properties':{'spec':{'type':'object','properties':{"
                        + "'items':{'type':'array','x-kubernetes-list-type':'map',"
                        + "'x-kubernetes-list-map-keys':['name'],'items':{'type':'object',"
                        + "'properties':{'name':{'type':'string'},'v':{'type':'integer'}}}},"
                        + "'tags':{'type':'array','x-kubernetes-list-type':'set',"
                        + "'items':{'type':'string'}},"
                        + "'labels':{'type':'object','additionalProperties':{'type':'string'}},"
                        + "'blob':{'type':'object','x-kubernetes-map-type':'atomic',"
                        + "'x-kubernetes-preserve-unknown-fields':true}}},"
                        + "'status':{'type':'object','x-kubernetes-preserve-unknown-fields':true}}}")
                    .replace('\'', '"')
                    .getBytes(StandardCharsets.UTF_8)));
    for (int i = 0; i < 500; i++) {
      ObjectNode obj = F.objectNode();
      obj.put("apiVersion", "example.com/v1");
      obj.put("kind", "Thing");
      ObjectNode m = obj.putObject("metadata");
      m.put("name", "t" + i);
      if (random.nextBoolean()) {
        m.set("labels", randomObject(random, 1));
      }
      ObjectNode spec = obj.putObject("spec");
      ArrayNode items = spec.putArray("items");
      for (int k = random.nextInt(5); k > 0; k--) {
        ObjectNode item = items.addObject();
        if (random.nextInt(8) > 0) {
          item.put("name", "n" + random.nextInt(4)); // duplicates and missing keys on purpose
        }
        item.set("v", random.nextBoolean() ? F.numberNode(k) : randomValue(random, 2));
      }
      ArrayNode tags = spec.putArray("tags");
      for (int k = random.nextInt(5); k > 0; k--) {
        tags.add(random.nextInt(6) == 0 ? F.nullNode() : F.textNode("t" + random.nextInt(3)));
      }
      spec.set("labels", randomObject(random, 1));
      spec.set("blob", randomValue(random, 0));
      spec.set("other", randomValue(random, 0));
      obj.set("status", randomValue(random, 0));
      mutate(obj, random, 0);
      assertSame(crd, obj, obj.toString());
      assertSame(FieldType.DEDUCED, obj, obj.toString());
    }
  }

  /** Changes an object at random: fields dropped, emptied, nulled, given other shapes or added. */
  private static void mutate(JsonNode node, Random random, int depth) {
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        int dice = random.nextInt(40);
        if (dice == 0) {
          o.remove(name);
        } else if (dice == 1) {
          o.putNull(name);
        } else if (dice == 2) {
          o.putObject(name);
        } else if (dice == 3) {
          o.putArray(name);
        } else if (dice == 4) {
          o.set(name, randomValue(random, depth));
        } else {
          mutate(o.get(name), random, depth + 1);
        }
      }
      if (random.nextInt(10) == 0) {
        o.set("x" + random.nextInt(3), randomValue(random, depth));
      }
    } else if (node instanceof ArrayNode a) {
      if (!a.isEmpty() && random.nextInt(6) == 0) {
        a.add(a.get(random.nextInt(a.size())).deepCopy()); // a duplicate item
      }
      if (random.nextInt(12) == 0) {
        a.add(randomValue(random, depth));
      }
      for (Iterator<JsonNode> it = a.elements(); it.hasNext(); ) {
        mutate(it.next(), random, depth + 1);
      }
    }
  }

  private static JsonNode randomValue(Random random, int depth) {
    int dice = random.nextInt(depth > 3 ? 4 : 7);
    return switch (dice) {
      case 0 -> F.textNode("s" + random.nextInt(3));
      case 1 -> F.numberNode(random.nextInt(3));
      case 2 -> F.nullNode();
      case 3 -> F.booleanNode(random.nextBoolean());
      case 4, 5 -> randomObject(random, depth + 1);
      default -> {
        ArrayNode a = F.arrayNode();
        for (int k = random.nextInt(4); k > 0; k--) {
          a.add(randomValue(random, depth + 1));
        }
        yield a;
      }
    };
  }

  private static ObjectNode randomObject(Random random, int depth) {
    ObjectNode o = F.objectNode();
    for (int k = random.nextInt(4); k > 0; k--) {
      o.set("k" + random.nextInt(5), randomValue(random, depth + 1));
    }
    return o;
  }

  @Test
  void anObjectThatSetsOnlyIgnoredFieldsGetsNoEntry() {
    ObjectNode obj =
        (ObjectNode)
            KubeJson.parse(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}"
                    .getBytes(StandardCharsets.UTF_8));
    FieldManager.of(FieldType.forClass(dev.keelson.api.core.v1.ConfigMap.class), null, false)
        .update(null, obj, new FieldManager.Writer("m", "v1", "", false, T0));
    // metadata itself is set, so the writer owns f:metadata: {}
    assertThat(obj.at("/metadata/managedFields/0/fieldsV1").toString())
        .isEqualTo("{\"f:metadata\":{}}");
  }
}
