package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Checks for what the fuzz tests get out of an encoder. */
final class WellFormed {
  private WellFormed() {}

  /** One line of strict UTF-8 JSON holding one object, with no newline but the last byte. */
  static JsonNode jsonLine(byte[] line, ObjectMapper json) throws IOException {
    String shown = new String(line, StandardCharsets.UTF_8);
    assertThat(Utf8.isValid(line, 0, line.length)).as("strict UTF-8: %s", shown).isTrue();
    assertThat(line[line.length - 1]).as("ends with a newline: %s", shown).isEqualTo((byte) '\n');
    for (int i = 0; i < line.length - 1; i++) {
      assertThat(line[i]).as("no line break inside: %s", shown).isNotIn((byte) '\n', (byte) '\r');
    }
    JsonNode node = json.readTree(line);
    assertThat(node.isObject()).as("a JSON object: %s", shown).isTrue();
    return node;
  }

  /** Whether any string in the tree, field names included, has an unpaired surrogate. */
  static boolean hasIllFormedString(JsonNode node) {
    if (node.isTextual()) {
      return isIllFormed(node.textValue());
    }
    var names = node.fieldNames();
    while (names.hasNext()) {
      if (isIllFormed(names.next())) {
        return true;
      }
    }
    for (JsonNode child : node) {
      if (hasIllFormedString(child)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isIllFormed(String s) {
    return !Utf8.isEncodable(s);
  }
}
