package dev.parley.bench.jmh;

import dev.parley.protocol.SearchWords;
import dev.parley.server.store.Appended;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.NewMessage;
import dev.parley.server.store.StoredMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic room history for search: messages of 4 to 20 words drawn from a vocabulary
 * with a long tail (word rank r is about 1/r as frequent, as in real chat), a few of them edited
 * or deleted later, and queries of 1 to 3 words mixing common, middling and rare words. It keeps
 * what each message says now, so it knows the right answer to every query.
 */
final class SearchCorpus {
  static final String ROOM = "lobby";
  private static final int VOCABULARY = 20_000;
  private static final int BATCH = 1_000;
  private static final String[] SYLLABLES = {
    "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "be", "do", "fa", "gu", "ha", "ji", "po", "qu", "re", "si",
    "te", "zo", "an", "el", "or", "un", "is",
  };

  private final Random random;
  private final String[] words = new String[VOCABULARY];
  private final double[] cumulative = new double[VOCABULARY];
  /** The words each searchable message of {@link #ROOM} has now, by id (edits applied, deleted ones gone). */
  private final Map<Long, Set<String>> current = new HashMap<>();
  /** The sender identity of each of {@link #ROOM}'s messages, by id (only its author edits it). */
  private final Map<Long, String> authors = new HashMap<>();

  SearchCorpus(long seed) {
    random = new Random(seed);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < VOCABULARY; ) {
      StringBuilder w = new StringBuilder();
      int syllables = 1 + random.nextInt(4);
      for (int s = 0; s < syllables; s++) {
        w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
      }
      if (seen.add(w.toString())) {
        words[i++] = w.toString();
      }
    }
    double sum = 0;
    for (int r = 0; r < VOCABULARY; r++) {
      sum += 1.0 / (r + 1);
      cumulative[r] = sum;
    }
    for (int r = 0; r < VOCABULARY; r++) {
      cumulative[r] /= sum;
    }
  }

  /**
   * Stores {@code messages} in {@link #ROOM} and {@code elsewhere} in other rooms, interleaved,
   * and edits 1% and deletes 0.5% of the room's messages as it goes.
   */
  void fill(MessageStore store, int messages, int elsewhere) {
    int stored = 0;
    int other = 0;
    while (stored < messages) {
      List<NewMessage> batch = new ArrayList<>(BATCH);
      int here = Math.min(BATCH, messages - stored);
      for (int i = 0; i < here; i++) {
        int user = random.nextInt(50);
        batch.add(new NewMessage(ROOM, "user" + user, "user#" + user, sentence(), null));
        if (other < elsewhere && random.nextInt(messages) < elsewhere) {
          batch.add(new NewMessage("room" + random.nextInt(20), "user1", "user#1", sentence(), null));
          other++;
        }
      }
      for (Appended a : store.appendAll(batch)) {
        StoredMessage m = a.message();
        if (m.room().equals(ROOM)) {
          current.put(m.id(), Set.copyOf(SearchWords.of(m.text())));
          authors.put(m.id(), "user#" + m.from().substring(4));
        }
      }
      stored += here;
      amendSome(store, here);
    }
  }

  private void amendSome(MessageStore store, int stored) {
    List<Long> ids = new ArrayList<>(current.keySet());
    List<NewMessage> amendments = new ArrayList<>();
    Set<Long> targets = new HashSet<>();
    for (int i = 0; i < stored / 100; i++) {
      long id = ids.get(random.nextInt(ids.size()));
      if (targets.add(id)) {
        amendments.add(i % 3 == 2
            ? new NewMessage(ROOM, "owner", "owner#0", "", null, false, 0, id, true)
            : new NewMessage(ROOM, "author", authors.get(id), sentence(), null, false, id, 0, false));
      }
    }
    List<Appended> out = store.appendAll(amendments);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).refused() != null) {
        throw new IllegalStateException("amendment refused: " + out.get(i).refused());
      }
      NewMessage m = amendments.get(i);
      if (m.deleteOf() != 0) {
        current.remove(m.deleteOf());
      } else {
        current.put(m.editOf(), Set.copyOf(SearchWords.of(m.text())));
      }
    }
  }

  private String sentence() {
    int n = 4 + random.nextInt(17);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String w = words[rank(random.nextDouble())];
      s.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
      s.append(i == n - 1 ? "." : random.nextInt(8) == 0 ? ", " : " ");
    }
    return s.toString();
  }

  private int rank(double u) {
    int lo = 0;
    int hi = VOCABULARY - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] < u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** {@code n} queries of 1 to 3 words, each word common (top 100), middling or rare (beyond 2,000). */
  List<List<String>> queries(int n) {
    List<List<String>> queries = new ArrayList<>(n);
    for (int q = 0; q < n; q++) {
      int size = 1 + random.nextInt(3);
      List<String> query = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        query.add(switch (random.nextInt(3)) {
          case 0 -> words[random.nextInt(100)];
          case 1 -> words[100 + random.nextInt(1_900)];
          default -> words[2_000 + random.nextInt(VOCABULARY - 2_000)];
        });
      }
      queries.add(query);
    }
    return queries;
  }

  /** The right answer: the newest {@code limit} ids of messages whose current words include the query's. */
  List<Long> expected(List<String> query, int limit) {
    return current.entrySet().stream()
        .filter(e -> e.getValue().containsAll(query))
        .map(Map.Entry::getKey)
        .sorted((a, b) -> Long.compare(b, a))
        .limit(limit)
        .toList();
  }
}
