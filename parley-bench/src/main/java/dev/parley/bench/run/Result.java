package dev.parley.bench.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target's figures in one scenario: named values in table order, the headline first, and
 * a note (what went wrong, what limited it). Becomes one table row and one JSON object.
 */
public final class Result {
  private final String target;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private String note = "";

  public Result(String target) {
    this.target = target;
  }

  public Result put(String name, Object value) {
    values.put(name, value);
    return this;
  }

  /** Adds to the note; an empty one (say, no trouble seen) adds nothing. */
  public Result note(String note) {
    if (!note.isEmpty()) {
      this.note = this.note.isEmpty() ? note : this.note + "; " + note;
    }
    return this;
  }

  public String target() {
    return target;
  }

  public Map<String, Object> values() {
    return values;
  }

  public String note() {
    return note;
  }

  /** The first value, the one ratios compare; NaN when it is not a number. */
  public double headline() {
    return values.values().stream().findFirst()
        .filter(Number.class::isInstance)
        .map(v -> ((Number) v).doubleValue())
        .orElse(Double.NaN);
  }
}
