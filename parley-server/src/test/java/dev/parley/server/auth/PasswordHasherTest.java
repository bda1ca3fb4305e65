package dev.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = PasswordHasher.owaspBaseline();

  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String hash = hasher.hash("correct horse");
    assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse", hash)).isTrue();
    assertThat(hasher.verify("correct horse!", hash)).isFalse();
  }

  @Test
  void theSamePasswordHashesDifferentlyEachTime() {
    assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
  }

  @Test
  void aHashWithOtherParametersStillVerifies() {
    String cheap = new PasswordHasher(1024, 1, 1).hash("secret pw");
    assertThat(hasher.verify("secret pw", cheap)).isTrue();
  }

  @Test
  void aMalformedHashNeverVerifies() {
    assertThat(hasher.verify("x", "plain text")).isFalse();
  }

  @Test
  void tokensAreRandomAndStoredOnlyAsTheirHash() {
    Tokens tokens = new Tokens();
    String a = tokens.newToken();
    assertThat(a).hasSize(43).isNotEqualTo(tokens.newToken());
    assertThat(Tokens.hash(a)).hasSize(64).doesNotContain(a).isEqualTo(Tokens.hash(a));
  }
}
