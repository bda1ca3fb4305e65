package dev.parley.bench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's report: a table with a row per target, Parley's ratio to the floor, to
 * Mosquitto and to InspIRCd on the headline figure, and the same as JSON in {@code OUT/bench-SCENARIO.json}.
 */
public final class Report {
  private final String scenario;
  private final String setup;
  private final boolean higherIsBetter;
  private final List<Result> results = new ArrayList<>();

  public Report(String scenario, String setup, boolean higherIsBetter) {
    this.scenario = scenario;
    this.setup = setup;
    this.higherIsBetter = higherIsBetter;
  }

  public void add(Result result) {
    results.add(result);
  }

  public List<Result> results() {
    return results;
  }

  public String scenario() {
    return scenario;
  }

  public void print(PrintStream out) {
    out.println();
    out.println("== " + scenario + ": " + setup + " ==");
    List<String> columns = new ArrayList<>();
    columns.add("target");
    results.forEach(r -> r.values().keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add));
    columns.add("note");
    List<List<String>> rows = new ArrayList<>();
    rows.add(columns);
    for (Result r : results) {
      List<String> row = new ArrayList<>();
      row.add(r.target());
      columns.subList(1, columns.size() - 1).forEach(c -> row.add(format(r.values().get(c))));
      row.add(r.note());
      rows.add(row);
    }
    int[] widths = new int[columns.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(i == 0 || i == row.size() - 1 ? pad(cell, widths[i]) : padLeft(cell, widths[i])).append("  ");
      }
      out.println(line.toString().stripTrailing());
    }
    ratios().forEach((k, v) -> out.println(k + ": " + v));
  }

  /** {@code parley tcp / floor tcp}, {@code parley tcp / mosquitto} and {@code parley tcp / inspircd} on the headline figure. */
  public Map<String, String> ratios() {
    Map<String, String> ratios = new LinkedHashMap<>();
    for (Result parley : results) {
      if (!parley.target().startsWith("parley")) {
        continue;
      }
      String transport = parley.target().substring("parley".length()).trim();
      for (Result other : results) {
        boolean sameFloor = other.target().equals("floor " + transport);
        boolean reference = (other.target().equals("mosquitto") || other.target().equals("inspircd")) && transport.equals("tcp");
        if (sameFloor || reference) {
          ratios.put(parley.target() + " / " + other.target(), ratio(parley.headline(), other.headline()));
        }
      }
    }
    return ratios;
  }

  private String ratio(double parley, double other) {
    if (Double.isNaN(parley) || Double.isNaN(other) || parley <= 0 || other <= 0) {
      return "n/a";
    }
    double r = parley / other;
    String text = r >= 2 ? String.format(Locale.ROOT, "%.1fx", r) : String.format(Locale.ROOT, "%.0f%%", 100 * r);
    return text + (higherIsBetter ? "" : " (lower is better)");
  }

  public Path writeJson(Path dir, Map<String, Object> run) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", scenario);
    json.put("setup", setup);
    json.put("finished", Instant.now().toString());
    json.put("run", run);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("target", r.target());
      row.putAll(r.values());
      row.put("note", r.note());
      rows.add(row);
    }
    json.put("results", rows);
    json.put("ratios", ratios());
    Path file = dir.resolve("bench-" + scenario + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    return file;
  }

  private static String format(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      return Double.isNaN(d) ? "-" : d >= 100 ? String.format(Locale.ROOT, "%,.0f", d) : String.format(Locale.ROOT, "%.2f", d);
    }
    if (v instanceof Long || v instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", ((Number) v).longValue());
    }
    return v.toString();
  }

  private static String pad(String s, int w) {
    return s + " ".repeat(w - s.length());
  }

  private static String padLeft(String s, int w) {
    return " ".repeat(w - s.length()) + s;
  }
}
