package dev.keelson.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written format checks accept exactly what Kubernetes' regular expressions match. */
class FormatsTest {
  private static final String ALPHABET = "az09AZ-_.x/é Q";

  private static void sameAsRegex(String format, Predicate<String> check) {
    Pattern regex = Pattern.compile(format);
    Random random = new Random(42);
    int accepted = 0;
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = random.nextInt(7);
      for (int j = 0; j < len; j++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String s = b.toString();
      boolean expected = regex.matcher(s).matches();
      assertThat(check.test(s)).as("%s against %s", s, format).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).as("strings of %s accepted", format).isGreaterThan(100);
  }

  @Test
  void dns1123Label() {
    sameAsRegex(Names.DNS1123_LABEL_FMT, Formats::dns1123Label);
  }

  @Test
  void dns1123Subdomain() {
    sameAsRegex(Names.DNS1123_SUBDOMAIN_FMT, Formats::dns1123Subdomain);
  }

  @Test
  void qualifiedName() {
    sameAsRegex(Names.QUALIFIED_NAME_FMT, Formats::qualifiedName);
  }

  @Test
  void labelValue() {
    sameAsRegex(Names.LABEL_VALUE_FMT, Formats::labelValue);
  }

  @Test
  void configMapKey() {
    sameAsRegex(Names.CONFIG_MAP_KEY_FMT, Formats::configMapKey);
  }
}
