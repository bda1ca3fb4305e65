package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerRotationTest {
  private static final Endpoint A = Endpoint.tcp("a", 7070);
  private static final Endpoint B = Endpoint.tcp("b", 7070);
  private static final Endpoint C = Endpoint.tcp("c", 7070);

  @Test
  void startsWithTheFirstAndMovesToTheNextOnEachFailureWrappingAround() {
    ServerRotation rotation = new ServerRotation(List.of(A, B, C));

    assertThat(rotation.current()).isEqualTo(A);
    rotation.failed();
    assertThat(rotation.current()).isEqualTo(B);
    rotation.failed();
    assertThat(rotation.current()).isEqualTo(C);
    rotation.failed();
    assertThat(rotation.current()).isEqualTo(A);
  }

  @Test
  void aRoundEndsOnceEveryServerFailedInARow() {
    ServerRotation rotation = new ServerRotation(List.of(A, B, C));

    assertThat(rotation.failed()).as("a failed, b next").isFalse();
    assertThat(rotation.failed()).as("b failed, c next").isFalse();
    assertThat(rotation.failed()).as("c failed: all three did").isTrue();
    assertThat(rotation.failed()).as("a new round").isFalse();
  }

  @Test
  void aLoginStartsANewRoundFromTheServerThatWelcomed() {
    ServerRotation rotation = new ServerRotation(List.of(A, B, C));
    rotation.failed();
    rotation.failed();

    rotation.loggedIn(); // on c

    assertThat(rotation.current()).isEqualTo(C);
    assertThat(rotation.failed()).isFalse();
    assertThat(rotation.current()).isEqualTo(A);
    assertThat(rotation.failed()).isFalse();
    assertThat(rotation.failed()).isTrue();
  }

  @Test
  void withOneServerEveryFailureEndsARound() {
    ServerRotation rotation = new ServerRotation(List.of(A));

    assertThat(rotation.failed()).isTrue();
    assertThat(rotation.current()).isEqualTo(A);
    assertThat(rotation.failed()).isTrue();
  }
}
