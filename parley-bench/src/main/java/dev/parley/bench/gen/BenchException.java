package dev.parley.bench.gen;

/** A bench run cannot go on; its message is one line for the user, never a stack trace. */
public final class BenchException extends RuntimeException {
  public BenchException(String message) {
    super(message);
  }
}
