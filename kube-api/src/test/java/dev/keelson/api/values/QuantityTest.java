package dev.keelson.api.values;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.keelson.api.internal.Immutable;
import dev.keelson.api.json.DecodeException;
import dev.keelson.api.json.KubeJson;
import dev.keelson.api.values.Quantity.Format;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Facts from Kubernetes' quantity_test.go tables, rewritten as our own specification. */
class QuantityTest {
  private static final String FORMAT_WRONG =
      "quantities must match the regular expression"
          + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static Quantity q(String s) {
    return Quantity.parse(s);
  }

  @ParameterizedTest(name = "{0} is written {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // already canonical: kept
        "0|0",
        "1|1",
        "100m|100m",
        "1500m|1500m",
        "1Ki|1Ki",
        "1Gi|1Gi",
        "6Ki|6Ki",
        "300Mi|300Mi",
        "1001Gi|1001Gi",
        "2000Ki|2000Ki",
        "1k|1k",
        "3k|3k",
        "100M|100M",
        "1234567M|1234567M",
        "1234567m|1234567m",
        "1025|1025",
        "1n|1n",
        "80n|80n",
        "1080n|1080n",
        "1u|1u",
        "1080u|1080u",
        "1E|1E",
        "-1E|-1E",
        "1e3|1e3",
        "2e3|2e3",
        "1e-3|1e-3",
        "1e-9|1e-9",
        "80e-3|80e-3",
        "300e6|300e6",
        "1e12|1e12",
        "-1|-1",
        "9999999999999999999|9999999999999999999",
        // Kubernetes keeps these spellings verbatim too
        "+1|+1",
        "1E3|1E3",
        "1e+3|1e+3",
        "5.|5.",
        "1.G|1.G",
        "1.234k|1.234k",
        "01Ki|01Ki",
        "-1Ki|-1Ki",
        // rewritten canonically
        "1000m|1",
        "0.5|500m",
        ".5|500m",
        "1.5|1500m",
        "1.08|1080m",
        "1080000000n|1080m",
        "5000m|5",
        "1000u|1m",
        "1000M|1G",
        "0.001T|1G",
        "1000|1k",
        "10.5k|10500",
        "1.5Gi|1536Mi",
        "1024Mi|1Gi",
        "1024Gi|1Ti",
        "307200Ki|300Mi",
        "1025024Mi|1001Gi",
        "8Ki|8Ki",
        "0.5Gi|512Mi",
        "0.5Mi|512Ki",
        "0.1Ki|102400m",
        ".001Ki|1024m",
        ".000001Ki|1024u",
        ".000000001Ki|1024n",
        ".000000000001Ki|2n",
        "100.035Ki|102435840m",
        "0.05Gi|53687091200m",
        ".001e12|1e9",
        "0.001e0|1e-3",
        "1000e-12|1e-9",
        "1e2|100",
        "1e1|10",
        "0e3|0",
        "00|0",
        "0.0|0",
        "0Ki|0",
        "-0|0",
        "0m|0",
        "-1000m|-1",
        "-1.5Gi|-1536Mi",
        "-0.5|-500m",
        // rounding up to nano precision
        "0.0000000001|1n",
        "0.0000000005|1n",
        "0.9n|1n",
        "3.001n|4n",
        "0.00000012345|124n",
        "1.1E-9|2e-9",
        "0.5e-9|1e-9",
        "-0.0000000001|-1n",
        // large values
        "999999999999999999.1|999999999999999999100m",
        "1000000000000000000|1E",
        "10000000000000000000|10E",
        "9999999999999999999000m|9999999999999999999",
        "-9223372036854775809.1|-9223372036854775809100m",
        "1.0000000000000000001E|1000000000000000000100m",
        "9Ei|9223372036854775807",
        "-9Ei|-9223372036854775807",
        "9223372036854775807Ki|9223372036854775807",
        "1000E|1e21",
        "12E|12E",
      })
  void parsesAndWritesLikeKubernetes(String in, String out) {
    assertThat(q(in).toString()).isEqualTo(out);
    assertThat(q(out)).as("the written form reads back to the same value").isEqualTo(q(in));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "100m|0.1",
        "1Gi|1073741824",
        "1.5|1.5",
        "2e3|2000",
        "1k|1000",
        "+1|1",
        "-1|-1",
        ".5|0.5",
        "5.|5",
        "1E3|1000",
        "1e-3|0.001",
        "0.1Ki|102.4",
        "7Mi|7340032",
        "3Ei|3458764513820540928",
        "5n|0.000000005",
        "4u|0.000004",
        "50k|50000",
        "5T|5000000000000",
        "2P|2000000000000000",
        "1.3E+6|1300000",
        "1.53E12|1530000000000",
        "0.0005k|0.5",
        "10.035M|10035000",
        "6.987654321G|6987654321",
      })
  void valuesAreExact(String in, String exact) {
    assertThat(q(in).toBigDecimal()).isEqualByComparingTo(new BigDecimal(exact));
  }

  @ParameterizedTest(name = "{0} is in {1}")
  @CsvSource({
    "1, DECIMAL_SI",
    "100m, DECIMAL_SI",
    "1k, DECIMAL_SI",
    "1Ki, BINARY_SI",
    "0.5Mi, BINARY_SI",
    "0.000000000001Ki, DECIMAL_SI",
    "1e3, DECIMAL_EXPONENT",
    "1E-3, DECIMAL_EXPONENT",
    "1E, DECIMAL_SI",
    "0Ki, BINARY_SI",
  })
  void formatFollowsTheSuffix(String in, Format format) {
    assertThat(q(in).format()).isEqualTo(format);
  }

  @Test
  void degenerateFormsThatKubernetesAcceptsReadAsZero() {
    for (String s : List.of("-", "+", ".", "-.", "m", "Ki", "e3", "E", "+0", "000")) {
      assertThat(q(s).isZero()).as(s).isTrue();
      assertThat(q(s).toString()).as(s).isEqualTo("0");
    }
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(
      strings = {
        "", "1.1.M", "1+1.0M", "0.1am", "aoeu", "abc", " 1", "1 ", "1e3e3", "1e3.5", "1Ki5x", "1,5",
        "1KI", "½", "1٣"
      })
  void malformedQuantitiesAreRefusedWithKubernetesMessage(String in) {
    assertThatThrownBy(() -> q(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(FORMAT_WRONG);
  }

  @ParameterizedTest(name = "\"{0}\" has a bad suffix")
  @ValueSource(
      strings = {
        "0.1mi",
        ".5i",
        "1i",
        "-3.01i",
        "-3.01e-",
        "1e",
        "1ki",
        "1Mi3",
        "1ee3",
        "1-",
        "1kk",
        "1e99999999999999999999",
        "1e2147483648",
        "--1"
      })
  void badSuffixesAreRefused(String in) {
    assertThatThrownBy(() -> q(in))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unable to parse quantity's suffix");
  }

  @Test
  void aDotWithoutDigitsNeedingExactArithmeticIsNotANumber() {
    assertThatThrownBy(() -> q(".e-10"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unable to parse numeric part of quantity");
    assertThat(q("0e-10").isZero()).isTrue();
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> Quantity.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityAndOrderAreByValue() {
    assertThat(q("1000m")).isEqualTo(q("1")).hasSameHashCodeAs(q("1"));
    assertThat(q("1Ki")).isEqualTo(q("1024")).hasSameHashCodeAs(q("1024"));
    assertThat(q("+1")).isEqualTo(q("1"));
    assertThat(q("0")).isEqualTo(q("0Ki")).hasSameHashCodeAs(q("0m"));
    assertThat(q("1e3")).isEqualTo(q("1k")).hasSameHashCodeAs(q("1000"));
    assertThat(q("100m")).isGreaterThan(q("50m")).isNotEqualTo(q("50m"));
    assertThat(q("10000T")).isGreaterThan(q("100Gi"));
    assertThat(q("-1")).isLessThan(q("0"));
    assertThat(q("1n")).isGreaterThan(q("0"));
    assertThat(q("9.01")).isGreaterThan(q("9"));
    assertThat(q("1000000000000000000000")).isGreaterThan(q("9Ei"));
    assertThat(q("1Gi").compareTo(q("1073741824"))).isZero();
  }

  @Test
  void arithmeticIsExactAndWrittenCanonically() {
    assertThat(q("1.5").add(q("500m")).toString()).isEqualTo("2");
    assertThat(q("0.1").add(q("0.2"))).isEqualTo(q("0.3"));
    assertThat(q("1Gi").add(q("512Mi")).toString()).isEqualTo("1536Mi");
    assertThat(q("1Gi").subtract(q("1Gi")).toString()).isEqualTo("0");
    assertThat(q("1").subtract(q("1n")).toString()).isEqualTo("999999999n");
    assertThat(q("9.01").negate().toString()).isEqualTo("-9010m");
    assertThat(q("-9.01").negate().negate()).isEqualTo(q("-9.01"));
    assertThat(q("1.234k").add(Quantity.ZERO).toString()).isEqualTo("1234");
    assertThat(q("+1").negate().negate().toString()).isEqualTo("1");
    assertThat(q("10").multiply(10).toString()).isEqualTo("100");
    assertThat(q("10").multiply(-10).toString()).isEqualTo("-100");
    assertThat(q("50").multiply(0).isZero()).isTrue();
    assertThat(q("250m").multiply(4).toString()).isEqualTo("1");
    assertThat(Quantity.of(Long.MAX_VALUE, Format.DECIMAL_SI).multiply(2))
        .isEqualTo(q("18446744073709551614"));
    assertThat(Quantity.of(Long.MIN_VALUE, Format.DECIMAL_SI).multiply(-1).toBigDecimal())
        .isEqualByComparingTo("9223372036854775808");
  }

  @Test
  void addingToZeroTakesTheOtherFormatOtherwiseKeepsItsOwn() {
    assertThat(q("100m").add(Quantity.ZERO).toString()).isEqualTo("100m");
    assertThat(Quantity.ZERO.add(q("1Gi")).toString()).isEqualTo("1Gi");
    assertThat(Quantity.ZERO.add(q("1Gi")).format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.ZERO.subtract(q("1Gi")).toString()).isEqualTo("-1Gi");
    assertThat(q("10").add(Quantity.ofBytes(1)).format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.ofBytes(10).subtract(q("1")).format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.ofBytes(2048).add(q("1k")).toString()).isEqualTo("3048");
    assertThat(Quantity.ofBytes(1 << 20).add(q("1Mi")).toString()).isEqualTo("2Mi");
  }

  @Test
  void binaryValuesBeyondEiAreWrittenInDecimal() {
    Quantity huge = Quantity.ofBytes(1L << 60).multiply(1024);
    assertThat(huge.format()).isEqualTo(Format.BINARY_SI);
    assertThat(huge.toString()).isEqualTo("1180591620717411303424");
    assertThat(q(huge.toString())).isEqualTo(huge);
    assertThat(Quantity.ofBytes(1L << 60).multiply(3).toString()).isEqualTo("3Ei");
  }

  @Test
  void combiningWildlyDifferentMagnitudesIsRefusedInsteadOfExhaustingMemory() {
    assertThat(q("1e1999999998").toString()).isEqualTo("1e1999999998");
    assertThat(q("1e2000000000").toString()).isEqualTo("100e1999999998");
    assertThat(q("1e2000000000")).isGreaterThan(q("9Ei"));
    assertThatThrownBy(() -> q("1e2000000000").add(q("1"))).isInstanceOf(ArithmeticException.class);
    assertThat(q("1234567890123456789e-2000000000").toString()).isEqualTo("1e-9");
  }

  @Test
  void integerViewsRoundUpAwayFromZero() {
    assertThat(q("100m").value()).isEqualTo(1);
    assertThat(q("1").value()).isEqualTo(1);
    assertThat(q("1.5").value()).isEqualTo(2);
    assertThat(q("-1.5").value()).isEqualTo(-2);
    assertThat(q("1Ki").value()).isEqualTo(1024);
    assertThat(q("1.5").toMilliValue()).isEqualTo(1500);
    assertThat(q("1n").toMilliValue()).isEqualTo(1);
    assertThat(q("1u").toMilliValue()).isEqualTo(1);
    assertThat(q("0").toMilliValue()).isZero();
    assertThat(q("9Ei").value()).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> q("9Ei").toMilliValue()).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> q("1e30").value()).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> q("1e2000000000").value()).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void factoriesMatchKubernetesConstructors() {
    assertThat(Quantity.ofMillis(1).toString()).isEqualTo("1m");
    assertThat(Quantity.ofMillis(1000).toString()).isEqualTo("1");
    assertThat(Quantity.ofMillis(1234000).toString()).isEqualTo("1234");
    assertThat(Quantity.of(1, Format.DECIMAL_SI).toString()).isEqualTo("1");
    assertThat(Quantity.of(1000, Format.DECIMAL_SI).toString()).isEqualTo("1k");
    assertThat(Quantity.of(1234000, Format.DECIMAL_SI).toString()).isEqualTo("1234k");
    assertThat(Quantity.of(1024, Format.BINARY_SI).toString()).isEqualTo("1Ki");
    assertThat(Quantity.of(1024 * 1024, Format.BINARY_SI).toString()).isEqualTo("1Mi");
    assertThat(Quantity.of(1000000, Format.DECIMAL_EXPONENT).toString()).isEqualTo("1e6");
    assertThat(Quantity.of(5, Format.BINARY_SI).toString()).isEqualTo("5");
    assertThat(Quantity.ofBytes(1L << 30).toString()).isEqualTo("1Gi");
    assertThat(Quantity.ofBytes(1025).toString()).isEqualTo("1025");
    assertThat(Quantity.of(new BigDecimal("1.024"), Format.BINARY_SI).toString())
        .isEqualTo("1024m");
    assertThat(Quantity.of(new BigDecimal("0.0000000001"), Format.DECIMAL_SI).toString())
        .isEqualTo("1n");
    assertThat(Quantity.of(new BigDecimal("-0.00000000011"), Format.DECIMAL_SI).toString())
        .isEqualTo("-1n");
    assertThat(Quantity.of(0, Format.BINARY_SI).toString()).isEqualTo("0");
  }

  @Test
  void signumAndZero() {
    assertThat(q("-1m").signum()).isEqualTo(-1);
    assertThat(q("0Gi").signum()).isZero();
    assertThat(q("0Gi").isZero()).isTrue();
    assertThat(q("1n").signum()).isEqualTo(1);
  }

  record Resources(Map<String, Quantity> requests, Quantity storage) {
    Resources {
      requests = Immutable.map(requests);
    }
  }

  @Test
  void jsonIsTheWrittenStringAndReadsStringsAndNumbers() {
    Resources r =
        KubeJson.decode(
            "{\"requests\":{\"cpu\":\"1000m\",\"memory\":\"1.5Gi\",\"gpu\":1,\"frac\":0.5,\"e\":1e3},\"storage\":\" 1Ki \"}"
                .getBytes(UTF_8),
            Resources.class);
    assertThat(r.requests().get("cpu")).isEqualTo(q("1"));
    assertThat(r.storage()).isEqualTo(q("1Ki"));
    assertThat(KubeJson.encodeToString(r))
        .isEqualTo(
            "{\"requests\":{\"cpu\":\"1\",\"e\":\"1e3\",\"frac\":\"500m\",\"gpu\":\"1\","
                + "\"memory\":\"1536Mi\"},\"storage\":\"1Ki\"}");
  }

  @Test
  void yamlNumbersAreQuantities() {
    Resources r =
        KubeJson.decodeYaml(
            "requests:\n  cpu: 1\n  memory: 0.5\n  big: 128Mi\nstorage: 2Gi\n", Resources.class);
    assertThat(r.requests())
        .containsEntry("cpu", q("1"))
        .containsEntry("memory", q("500m"))
        .containsEntry("big", q("128Mi"));
  }

  @Test
  void badQuantitiesInJsonNameTheFieldPath() {
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    "{\"requests\":{\"cpu\":\"abc\"}}".getBytes(UTF_8),
                    new TypeReference<Map<String, Map<String, Quantity>>>() {}))
        .isInstanceOf(DecodeException.class)
        .hasMessage("requests.cpu: " + FORMAT_WRONG);
    assertThatThrownBy(
            () ->
                KubeJson.decode(
                    "{\"requests\":{\"cpu\":\"abc\"}}".getBytes(UTF_8), Resources.class))
        .isInstanceOf(DecodeException.class)
        .hasMessage("requests.cpu: " + FORMAT_WRONG);
    assertThatThrownBy(
            () -> KubeJson.decode("{\"storage\":\"1i\"}".getBytes(UTF_8), Resources.class))
        .hasMessage("storage: unable to parse quantity's suffix");
    for (String bad : List.of("true", "{}", "[1]")) {
      assertThatThrownBy(
              () -> KubeJson.decode(("{\"storage\":" + bad + "}").getBytes(UTF_8), Resources.class))
          .as(bad)
          .isInstanceOf(DecodeException.class)
          .hasMessageStartingWith("storage: cannot unmarshal ")
          .hasMessageContaining("into a quantity");
    }
  }

  @Test
  void jsonNullIsAnAbsentQuantity() {
    Resources r = KubeJson.decode("{\"storage\":null}".getBytes(UTF_8), Resources.class);
    assertThat(r.storage()).isNull();
  }
}
