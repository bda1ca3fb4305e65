package dev.parley.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sends without an {@code ack}, by ref, in the order the application made them. Loop-owned. */
final class PendingSends {
  private final Map<String, PendingSend> byRef = new LinkedHashMap<>();

  void add(PendingSend send) {
    byRef.put(send.ref(), send);
  }

  PendingSend get(String ref) {
    return ref == null ? null : byRef.get(ref);
  }

  PendingSend remove(String ref) {
    return byRef.remove(ref);
  }

  Collection<PendingSend> inOrder() {
    return byRef.values();
  }

  int size() {
    return byRef.size();
  }

  /** The connection is gone: none of them went out on the next one yet. */
  void linkDown() {
    byRef.values().forEach(s -> s.onLink = false);
  }

  List<PendingSend> drain() {
    List<PendingSend> all = new ArrayList<>(byRef.values());
    byRef.clear();
    return all;
  }
}
