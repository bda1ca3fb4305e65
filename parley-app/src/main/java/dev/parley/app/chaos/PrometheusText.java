package dev.parley.app.chaos;

/** Just enough of the Prometheus text format to read a few gauges back. */
final class PrometheusText {
  private PrometheusText() {}

  /**
   * The sum of every sample of {@code metric} whose labels contain {@code labelPart} (empty:
   * all), or -1 when there is none.
   */
  static double sum(String text, String metric, String labelPart) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(metric)) {
        continue;
      }
      String rest = line.substring(metric.length());
      if (!(rest.startsWith("{") || rest.startsWith(" "))) {
        continue; // a longer name with this prefix
      }
      int space = line.lastIndexOf(' ');
      String labels = rest.startsWith("{") ? rest.substring(0, rest.indexOf('}') + 1) : "";
      if (space < 0 || !labels.contains(labelPart)) {
        continue;
      }
      try {
        sum += Double.parseDouble(line.substring(space + 1).trim());
        found = true;
      } catch (NumberFormatException ignored) {
        // not a sample line
      }
    }
    return found ? sum : -1;
  }
}
