package dev.parley.app.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link Verdict} as a Markdown table (pasted as-is into docs) and, if asked, JSON. */
final class Report {
  private Report() {}

  static void print(ChaosSettings settings, Verdict v, PrintWriter out) {
    out.println();
    out.println("| " + settings.describe().replace("chaos: ", "") + " | |");
    out.println("| --- | ---: |");
    row(out, "clients (TCP / WebSocket)", v.clients() + " (" + (v.clients() + 1) / 2 + " / " + v.clients() / 2 + ")");
    row(out, "rooms (members each)", v.rooms() + " (" + range(v.membersPerRoomMin(), v.membersPerRoomMax()) + ")");
    if (v.nodes() > 1) {
      row(out, "nodes (one PostgreSQL database, Redis)", v.nodes());
    }
    row(out, "faults", String.valueOf(v.faults().size()));
    for (String fault : v.faults()) {
      row(out, "", fault);
    }
    row(out, "kills", v.kills());
    if (v.nodes() > 1) {
      row(out, "Redis subscriber drops (connections killed)", v.subscriberDrops() + " (" + v.subscribersDropped() + ")");
    }
    row(out, "reconnects (logins after the first)", v.reconnects());
    row(out, "sends started", v.started());
    row(out, "acked", v.acked());
    row(out, "failed", v.failed());
    row(out, "never acked", v.neverAcked());
    row(out, "delivered (expected)", v.delivered() + " (" + v.expected() + ")");
    row(out, "**lost**", v.lost());
    row(out, "**duplicated**", v.duplicated());
    row(out, "**out of order**", v.outOfOrder());
    row(out, "**id gaps**", v.gaps());
    if (v.store() != null) {
      row(out, "store: messages", v.store().stored());
      row(out, "store: acked but missing / stored twice / id gaps",
          v.store().missing() + " / " + v.store().duplicated() + " / " + v.store().gaps());
    }
    row(out, "max catch-up (ack to last delivery, s)", String.format(Locale.ROOT, "%.1f", v.maxCatchUpSeconds()));
    row(out, "slowest ack (send to ack, s)", String.format(Locale.ROOT, "%.1f", v.slowestAckSeconds()));
    row(out, "seconds", String.format(Locale.ROOT, "%.1f", v.seconds()));
    if (!v.samples().isEmpty()) {
      printSamples(v, out);
    }
    out.println();
    out.println(v.passed() ? "chaos: PASS" : "chaos: FAIL");
    out.flush();
  }

  private static void printSamples(Verdict v, PrintWriter out) {
    out.println();
    out.println("| at | heap " + (v.heapAfterForcedGc() ? "after GC" : "in use (no jcmd: no forced GC)")
        + " (MiB) | open files | threads |");
    out.println("| ---: | ---: | ---: | ---: |");
    for (ServerSample s : v.samples()) {
      out.printf(Locale.ROOT, "| %.0f s | %.1f | %d | %d |%n",
          s.at(), s.heapAfterGcBytes() / 1048576.0, s.openFiles(), s.threads());
    }
  }

  static void writeJson(Path file, ChaosSettings settings, Verdict v) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("seed", settings.seed());
    json.put("settings", settings.describe());
    json.put("passed", v.passed());
    json.put("result", v);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
  }

  private static void row(PrintWriter out, String name, Object value) {
    out.println("| " + name + " | " + value + " |");
  }

  private static String range(int min, int max) {
    return min == max ? String.valueOf(min) : min + "–" + max;
  }
}
