package dev.parley.client;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the refs a client puts on its frames: a random prefix of 72 bits, fresh for each client
 * object, and a counter. The server keeps a user's send refs for de-duplication, so refs must
 * not repeat across the user's other clients (another device, the same program run again);
 * the random prefix sees to that. Thread-safe.
 */
final class Refs {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  Refs() {
    byte[] bytes = new byte[9];
    RANDOM.nextBytes(bytes);
    this.prefix = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "-";
  }

  String next() {
    return prefix + Long.toString(counter.incrementAndGet(), 36);
  }
}
