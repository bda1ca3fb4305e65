package dev.parley.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract section "Errors and bad input", per frame: whatever arrives gets one clear error and
 * the connection goes on working (nothing stored, the next send is id 1).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Transport.class)
class BadInputIT extends ServerFixture {
  private WireClient ann;

  @BeforeEach
  void annInTheLobby() {
    ann = guest("ann");
    join(ann, "lobby");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json", "{\"type\":\"ping\"", "{\"type\":\"ping\",}", "{'type':'ping'}",
        "{type:\"ping\"}", "[{\"type\":\"ping\"}]", "[]", "\"ping\"", "42", "-1.5e3", "null",
        "true", "{}", "{\"type\":null}", "{\"type\":7}", "{\"type\":true}",
        "{\"type\":[\"ping\"]}", "{\"type\":{\"name\":\"ping\"}}"
      })
  void aFrameThatIsNotAnObjectWithAStringTypeIsRefusedWithBadRequest(String line) {
    ann.send(line);
    ann.expectError("bad_request");
    assertTheConnectionStillWorks();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"ref\":\"bad\"}",
        "{\"type\":7,\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":1001,\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":null,\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":true,\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":[\"lobby\"],\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":\"lobby\",\"since\":\"5\",\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":\"lobby\",\"since\":null,\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":\"lobby\",\"since\":false,\"ref\":\"bad\"}",
        "{\"type\":\"join\",\"room\":\"lobby\",\"since\":1.5,\"ref\":\"bad\"}",
        "{\"type\":\"send\",\"room\":\"lobby\",\"ref\":\"bad\"}",
        "{\"type\":\"send\",\"text\":\"hi\",\"ref\":\"bad\"}",
        "{\"type\":\"send\",\"room\":\"lobby\",\"text\":5,\"ref\":\"bad\"}",
        "{\"type\":\"send\",\"room\":\"lobby\",\"text\":null,\"ref\":\"bad\"}",
        "{\"type\":\"send\",\"room\":\"lobby\",\"text\":true,\"ref\":\"bad\"}",
        "{\"type\":\"send\",\"room\":\"lobby\",\"text\":{\"a\":1},\"ref\":\"bad\"}",
        "{\"type\":\"send\",\"room\":7,\"text\":\"hi\",\"ref\":\"bad\"}",
        "{\"type\":\"leave\",\"room\":null,\"ref\":\"bad\"}",
        "{\"type\":\"who\",\"room\":1,\"ref\":\"bad\"}",
        "{\"type\":\"history\",\"room\":\"lobby\",\"limit\":\"10\",\"ref\":\"bad\"}",
        "{\"type\":\"history\",\"room\":\"lobby\",\"before\":true,\"ref\":\"bad\"}",
        "{\"type\":\"history\",\"room\":\"lobby\",\"before\":null,\"ref\":\"bad\"}",
        "{\"type\":\"dm\",\"to\":5,\"text\":\"hi\",\"ref\":\"bad\"}",
        "{\"type\":\"dm\",\"to\":\"ann\",\"ref\":\"bad\"}",
      })
  void aMissingOrMistypedFieldIsRefusedWithBadRequestCarryingTheRef(String line) {
    ann.send(line);
    assertThat(refOf(ann.expectError("bad_request"))).isEqualTo("bad");
    assertTheConnectionStillWorks();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"type\":\"ping\"} x", "{\"type\":\"ping\"}{\"type\":\"ping\"}",
        "{\"type\":\"ping\"} {\"type\":\"ping\"}", "{\"type\":\"ping\"} 1", "{\"type\":\"ping\"}]",
        "{\"type\":\"ping\",\"type\":\"ping\"}", "{\"type\":\"ping\",\"type\":\"rooms\"}",
        "{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"a\",\"text\":\"b\"}",
        "{\"type\":\"send\",\"room\":\"attic\",\"room\":\"lobby\",\"text\":\"a\"}"
      })
  void dataAfterTheObjectOrADuplicateKeyIsRefusedWithBadRequest(String line) {
    ann.send(line);
    ann.expectError("bad_request");
    assertTheConnectionStillWorks();
  }

  @Test
  void anUnknownTypeIsRefusedWithUnknownTypeCarryingTheRef() {
    ann.sendFrame("type", "shout", "text", "HI", "ref", "u1");
    assertThat(refOf(ann.expectError("unknown_type"))).isEqualTo("u1");
    ann.sendFrame("type", "PING", "ref", "u2");
    assertThat(refOf(ann.expectError("unknown_type"))).isEqualTo("u2");
    assertTheConnectionStillWorks();
  }

  @Test
  void errorsCarryACodeAndAMessage() {
    ann.sendFrame("type", "send", "room", "lobby", "text", 5, "ref", "c-19");
    JsonNode error = ann.expectError("bad_request");
    assertThat(error.path("code").isTextual()).isTrue();
    assertThat(error.path("message").isTextual()).isTrue();
    assertThat(error.path("message").asText()).isNotBlank();
  }

  @Test
  void unknownExtraFieldsAndWhitespaceAroundTheObjectAreAccepted() {
    ann.send(" {\"type\" : \"ping\", \"ref\":\"x\", \"colour\":\"blue\", \"n\":[1,{}]} ");
    assertThat(refOf(ann.expect("pong"))).isEqualTo("x");
    ann.sendFrame("type", "send", "room", "lobby", "text", "hi", "mood", "happy");
    assertThat(ann.expect("ack").path("id").asLong()).isEqualTo(1);
  }

  @Test
  void badInputOnOneConnectionNeverHarmsAnother() {
    WireClient bob = guest("bob");
    join(bob, "lobby");
    ann.expect("presence");
    WireClient mallory = guest("mallory");
    join(mallory, "lobby");
    ann.expect("presence");
    bob.expect("presence");

    for (int i = 0; i < 15; i++) {
      mallory.send("{\"type\":\"send\",\"room\":");
      mallory.send("{\"type\":\"send\",\"room\":\"lobby\",\"text\":\"x\"} trailing");
      say(bob, "lobby", "still here " + i);
      assertThat(ann.expect("msg").path("text").asText()).isEqualTo("still here " + i);
    }
    mallory.send("[\"not\", \"an object\"]");

    assertThat(say(bob, "lobby", "done").path("id").asLong()).isEqualTo(16);
    assertThat(ann.expect("msg").path("id").asLong()).isEqualTo(16);
    ann.assertNoMoreFrames();
  }

  /**
   * The connection still answers, the bad frame got exactly one reply (frames are handled in
   * order, so a second reply would come before the pong) and stored nothing.
   */
  private void assertTheConnectionStillWorks() {
    ann.sendFrame("type", "ping", "ref", "still");
    assertThat(refOf(ann.expect("pong"))).isEqualTo("still");
    assertThat(say(ann, "lobby", "after").path("id").asLong()).isEqualTo(1);
  }

}
