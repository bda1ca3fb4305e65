package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LookAlikesTest {

  @ParameterizedTest
  @CsvSource({
    "alice, aIice",
    "alice, alice.",
    "alice, alice_",
    "alice, a-lice",
    "alice, ALICE",
    "alice, a1ice",
    "bob, b0b",
    "martin, rnartin",
    "william, vvilliam",
  })
  void namesThatReadAlikeShareASkeleton(String registered, String lookAlike) {
    assertThat(LookAlikes.skeleton(lookAlike)).isEqualTo(LookAlikes.skeleton(registered));
  }

  @ParameterizedTest
  @CsvSource({"alice, alicia", "bob, rob", "ann, anna", "carol, carl"})
  void differentNamesKeepDifferentSkeletons(String one, String other) {
    assertThat(LookAlikes.skeleton(one)).isNotEqualTo(LookAlikes.skeleton(other));
  }
}
