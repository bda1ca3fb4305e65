package dev.parley.server.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short system command (mount, chattr) run to completion: its status and what it said. */
record SystemCommand(int status, String output) {
  static SystemCommand run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        return new SystemCommand(-1, String.join(" ", command) + " did not finish in 30 s");
      }
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return new SystemCommand(p.exitValue(), output);
    } catch (IOException e) {
      return new SystemCommand(-1, String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SystemCommand(-1, "interrupted");
    }
  }

  boolean ok() {
    return status == 0;
  }
}
