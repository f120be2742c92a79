package dev.keelson.api.values;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.KubeJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntOrStringTest {
  record Port(IntOrString targetPort) {}

  private static Port decode(String json) {
    return KubeJson.decode(json.getBytes(UTF_8), Port.class);
  }

  @Test
  void numbersAndStringsRoundTripInTheirOwnForm() {
    Port number = decode("{\"targetPort\":8080}");
    assertThat(number.targetPort().isInt()).isTrue();
    assertThat(number.targetPort().intValue()).isEqualTo(8080);
    assertThat(KubeJson.encodeToString(number)).isEqualTo("{\"targetPort\":8080}");

    Port name = decode("{\"targetPort\":\"http\"}");
    assertThat(name.targetPort().isInt()).isFalse();
    assertThat(name.targetPort().stringValue()).isEqualTo("http");
    assertThat(KubeJson.encodeToString(name)).isEqualTo("{\"targetPort\":\"http\"}");

    Port numeric = decode("{\"targetPort\":\"8080\"}");
    assertThat(numeric.targetPort()).isEqualTo(IntOrString.of("8080"));
    assertThat(numeric.targetPort()).isNotEqualTo(IntOrString.of(8080));
    assertThat(KubeJson.encodeToString(numeric)).isEqualTo("{\"targetPort\":\"8080\"}");

    assertThat(decode("{\"targetPort\":-1}").targetPort()).isEqualTo(IntOrString.of(-1));
    assertThat(decode("{\"targetPort\":2147483647}").targetPort().intValue())
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(decode("{\"targetPort\":null}").targetPort()).isNull();
    assertThat(KubeJson.encodeToString(new Port(IntOrString.of(0))))
        .isEqualTo("{\"targetPort\":0}");
  }

  @ParameterizedTest(name = "{0} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "1.5|number 1.5",
        "1.0|number 1.0",
        "1e2|number 100.0",
        "2147483648|number 2147483648",
        "-2147483649|number -2147483649",
        "true|bool",
        "false|bool",
        "{}|object",
        "[80]|array",
      })
  void nonIntegerNumbersAndOtherTypesAreRefusedWithTheFieldPath(String json, String found) {
    assertThatThrownBy(() -> decode("{\"targetPort\":" + json + "}"))
        .isInstanceOf(DecodeException.class)
        .hasMessage("targetPort: cannot unmarshal " + found + " into an int32 or a string");
  }

  @Test
  void accessorsRefuseTheOtherKind() {
    assertThatThrownBy(() -> IntOrString.of(1).stringValue())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> IntOrString.of("a").intValue())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parseReadsInt32sAsIntegersAndEverythingElseAsStrings() {
    assertThat(IntOrString.parse("80")).isEqualTo(IntOrString.of(80));
    assertThat(IntOrString.parse("-80")).isEqualTo(IntOrString.of(-80));
    assertThat(IntOrString.parse("+80")).isEqualTo(IntOrString.of(80));
    assertThat(IntOrString.parse("http")).isEqualTo(IntOrString.of("http"));
    assertThat(IntOrString.parse("25%")).isEqualTo(IntOrString.of("25%"));
    assertThat(IntOrString.parse("2147483648")).isEqualTo(IntOrString.of("2147483648"));
    assertThat(IntOrString.parse("٣")).isEqualTo(IntOrString.of("٣"));
    assertThat(IntOrString.parse("")).isEqualTo(IntOrString.of(""));
  }

  @ParameterizedTest(name = "{0} of {1}: up {2}, down {3}")
  @CsvSource({
    "25%, 10, 3, 2",
    "25%, 100, 25, 25",
    "25%, 0, 0, 0",
    "0%, 10, 0, 0",
    "100%, 7, 7, 7",
    "1%, 1, 1, 0",
    "50%, 3, 2, 1",
    "33%, 10, 4, 3",
    "200%, 3, 6, 6",
    "-10%, 15, -1, -2",
    "+10%, 15, 2, 1",
    "5, 100, 5, 5",
    "-5, 100, -5, -5",
  })
  void scaledValueRoundsPercentagesAsKubernetes(String v, int total, int up, int down) {
    IntOrString value = v.endsWith("%") ? IntOrString.of(v) : IntOrString.of(Integer.parseInt(v));
    assertThat(value.scaledValue(total, true)).isEqualTo(up);
    assertThat(value.scaledValue(total, false)).isEqualTo(down);
  }

  @Test
  void aStringThatIsNotAPercentageIsRefused() {
    assertThatThrownBy(() -> IntOrString.of("25").scaledValue(10, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid value for IntOrString: invalid type: string is not a percentage");
  }

  @ParameterizedTest(name = "\"{0}\" is not a percentage")
  @ValueSource(strings = {"%", "abc%", "1.5%", " 5%", "5 %", "%5%", "++5%", "٣%", "-%", "5%%"})
  void badPercentagesAreRefused(String v) {
    assertThatThrownBy(() -> IntOrString.of(v).scaledValue(10, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid value for IntOrString: invalid value \""
                + v
                + "\": not an integer percentage");
  }

  @Test
  void resultsBeyondAnIntAreRefused() {
    assertThatThrownBy(() -> IntOrString.of("9999999999%").scaledValue(Integer.MAX_VALUE, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> IntOrString.of("99999999999999999999%").scaledValue(1, true))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
