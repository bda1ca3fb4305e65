package dev.parley.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Cluster events as JSON text, the broker's payload. Unknown kinds decode to {@code null}. */
final class EventCodec {
  private final ObjectMapper json =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  String encode(ClusterEvent event) {
    try {
      return json.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + event, e);
    }
  }

  /** The event, or {@code null} for one this node does not know (from a newer node). */
  ClusterEvent decode(String text) {
    try {
      return json.readValue(text, ClusterEvent.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
