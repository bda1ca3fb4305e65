package dev.parley.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client's refs awaiting an answer (sends excepted), in the order they were made. Loop-owned. */
final class PendingRequests {
  private final Map<String, Request> byRef = new LinkedHashMap<>();

  void put(String ref, Request request) {
    byRef.put(ref, request);
  }

  /** The request {@code ref} answers, now answered; {@code null} when unknown. */
  Request take(String ref) {
    return ref == null ? null : byRef.remove(ref);
  }

  /** Questions still unanswered, to ask again on a new connection. */
  List<Request.Query> queries() {
    List<Request.Query> queries = new ArrayList<>();
    for (Request r : byRef.values()) {
      if (r instanceof Request.Query q) {
        queries.add(q);
      }
    }
    return queries;
  }

  /**
   * The connection is gone: questions stay, to be asked again; logins, joins and fills are
   * redone from the client's state; leaves are done (the room is not rejoined). Returns the
   * leaves, for their futures to be completed.
   */
  List<Request.Leaving> linkDown() {
    List<Request.Leaving> leaves = new ArrayList<>();
    byRef.values().removeIf(r -> {
      if (r instanceof Request.Leaving leaving) {
        leaves.add(leaving);
      }
      return !(r instanceof Request.Query);
    });
    return leaves;
  }

  /** Everything, for failing at close. */
  List<Request> drain() {
    List<Request> all = new ArrayList<>(byRef.values());
    byRef.clear();
    return all;
  }
}
