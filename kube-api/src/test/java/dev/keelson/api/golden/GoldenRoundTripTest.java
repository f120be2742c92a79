package dev.keelson.api.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keelson.api.json.Decoded;
import dev.keelson.api.json.FieldValidation;
import dev.keelson.api.json.KubeJson;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden manifest decodes into its Keelson record and re-encodes to exactly the same JSON
 * tree: no field is lost, renamed, re-typed or reformatted (quantities in the manifests are
 * canonical, times are RFC 3339 seconds, microtimes have six digits).
 */
class GoldenRoundTripTest {
  static List<GoldenKinds.Golden> goldens() {
    return GoldenKinds.all();
  }

  @Test
  void everyGoldenManifestHasAKnownKind() {
    assertThat(goldens()).isNotEmpty();
    for (GoldenKinds.Golden g : goldens()) {
      assertThat(GoldenKinds.KEELSON).as(g.file()).containsKey(g.key());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void manifestRoundTripsFieldForField(GoldenKinds.Golden golden) {
    Class<?> type = GoldenKinds.KEELSON.get(golden.key());
    Object decoded = KubeJson.decode(golden.json(), type);
    assertThat(decoded).isInstanceOf(type);

    JsonNode reencoded = KubeJson.parse(KubeJson.encode(decoded));

    assertThat(JsonDiff.of(golden.tree(), reencoded)).as(golden.file()).isEmpty();
    assertThat(reencoded).isEqualTo(golden.tree());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void manifestHasNoFieldOurModelDoesNotKnow(GoldenKinds.Golden golden) {
    Class<?> type = GoldenKinds.KEELSON.get(golden.key());
    Decoded<?> decoded = KubeJson.decode(golden.json(), type, FieldValidation.WARN);
    assertThat(decoded.unknownFields()).as(golden.file()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldens")
  void decodingTwiceGivesEqualRecords(GoldenKinds.Golden golden) {
    Class<?> type = GoldenKinds.KEELSON.get(golden.key());
    Object first = KubeJson.decode(golden.json(), type);
    Object second = KubeJson.decode(KubeJson.encode(first), type);
    assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);
  }
}
