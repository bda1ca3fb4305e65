package dev.parley.server.transport.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The {@code ref} of an MQTT PUBLISH (QoS 1 and 2), which makes the server's idempotent refs
 * give MQTT its exactly-once: a hash of the session, the packet id, the ref of the last
 * PUBLISH that session completed with that packet id, the room and the payload. A PUBLISH sent
 * again (DUP) before it was acknowledged gets the same ref, even after a restart of the server,
 * so it is stored once; a new PUBLISH reusing a packet id after its PUBACK gets a new ref, even
 * with the same payload, because the completed ref is part of the hash. A DUP whose payload is
 * the completed one's is a resend of that one (its PUBACK was lost) and gets its ref.
 */
final class PublishRefs {
  private PublishRefs() {}

  static String ref(String sessionKey, int packetId, String previousRef, String room, byte[] payload) {
    MessageDigest sha = sha256();
    for (String part : new String[] {sessionKey, Integer.toString(packetId), String.valueOf(previousRef), room}) {
      sha.update(part.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    sha.update(payload);
    return "mqtt-" + Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest()).substring(0, 40);
  }

  static String payloadHash(byte[] payload) {
    return HexFormat.of().formatHex(sha256().digest(payload), 0, 16);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
