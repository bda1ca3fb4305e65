package dev.parley.client.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import org.junit.jupiter.api.Test;

class LoopGuardTest {

  @Test
  void aBotDoesNotAnswerItselfWhateverTheSpelling() {
    assertThat(LoopGuard.mayAnswer(new ServerFrame.Msg("r", 1, "Echo", "hi", 0), "echo")).isFalse();
    assertThat(LoopGuard.mayAnswer(new ServerFrame.Msg("r", 1, "echo", "hi", 0), "ECHO")).isFalse();
  }

  @Test
  void aBotDoesNotAnswerAnotherBot() {
    assertThat(LoopGuard.mayAnswer(new ServerFrame.Msg("r", 1, "parrot", "hi", 0, true), "echo")).isFalse();
  }

  @Test
  void aBotAnswersPeople() {
    assertThat(LoopGuard.mayAnswer(new ServerFrame.Msg("r", 1, "alice", "hi", 0), "echo")).isTrue();
  }
}
