package dev.keelson.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UidsTest {
  @Test
  void randomVersion4UuidsInCanonicalFormAcrossRefills() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) { // several batches of 256
      String uid = Uids.next();
      assertThat(uid)
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      UUID u = UUID.fromString(uid);
      assertThat(u.version()).isEqualTo(4);
      assertThat(u.variant()).isEqualTo(2);
      assertThat(seen.add(uid)).as("duplicate %s", uid).isTrue();
    }
  }
}
