package dev.keelson.api.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.KubeJson;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fabric8's model is the independent reference: each golden manifest is decoded and re-encoded with
 * fabric8's classes and with ours, and the two results must match field for field.
 *
 * <p>fabric8 and Keelson do not agree on how to write "nothing": fabric8 may write {@code null}s,
 * empty lists and empty maps that Keelson (like Go's {@code omitempty}) leaves out. Both sides are
 * therefore normalized by removing nulls, empty arrays and empty objects, recursively, before the
 * comparison. That normalization cannot hide a dropped field with a value; the exact, unnormalized
 * comparison against the input is {@link GoldenRoundTripTest}'s job. fabric8 keeps fields it does
 * not model in {@code additionalProperties}, so its re-encoding also carries fields newer than its
 * release.
 */
class Fabric8ReferenceTest {

  static List<GoldenKinds.Golden> goldens() {
    return GoldenKinds.all().stream()
        .filter(g -> GoldenKinds.FABRIC8.containsKey(g.key()))
        .toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void keelsonEncodesWhatFabric8Encodes(GoldenKinds.Golden golden) {
    Object theirs =
        Fabric8Mapper.MAPPER.readValue(golden.json(), GoldenKinds.FABRIC8.get(golden.key()));
    JsonNode fabric8 =
        JsonDiff.withoutEmpties(KubeJson.parse(Fabric8Mapper.MAPPER.writeValueAsBytes(theirs)));

    Object ours = KubeJson.decode(golden.json(), GoldenKinds.KEELSON.get(golden.key()));
    JsonNode keelson = JsonDiff.withoutEmpties(KubeJson.parse(KubeJson.encode(ours)));

    assertThat(JsonDiff.of(fabric8, keelson)).as(golden.file()).isEmpty();
    assertThat(keelson).isEqualTo(fabric8);
  }
}
