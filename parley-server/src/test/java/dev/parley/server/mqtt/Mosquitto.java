package dev.parley.server.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code mosquitto_sub} and {@code mosquitto_pub}, run as processes against a gateway
 * address: what an operator would type. Every run is bounded by a timeout.
 */
final class Mosquitto {
  private Mosquitto() {}

  /** Fails (never skips) when the clients are missing, saying how to get them. */
  static void requireInstalled() {
    if (!Files.isExecutable(Path.of("/usr/bin/mosquitto_sub")) || !Files.isExecutable(Path.of("/usr/bin/mosquitto_pub"))) {
      throw new AssertionError("mosquitto-clients is not installed: run scripts/install-test-tools.sh"
          + " (or apt-get install mosquitto-clients)");
    }
  }

  /** A finished run: its exit code and what it printed. */
  record Run(int exit, String out, String err) {}

  /** A subscriber that runs in the background until it has {@code count} messages. */
  static Process subscribe(InetSocketAddress server, String version, String user, String topic, int count, Path out)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        "/usr/bin/mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(server.getPort()),
        "-V", version, "-u", user, "-t", topic, "-C", Integer.toString(count), "-W", "20", "-v"));
    if (version.equals("mqttv5")) {
      cmd.addAll(List.of("-F", "%t %p %P"));
    }
    return new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  static Run publish(InetSocketAddress server, String version, String user, String password, String topic,
      String message, int qos, String... extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        "/usr/bin/mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(server.getPort()),
        "-V", version, "-u", user, "-t", topic, "-m", message, "-q", Integer.toString(qos)));
    if (password != null) {
      cmd.addAll(List.of("-P", password));
    }
    cmd.addAll(List.of(extra));
    return run(cmd);
  }

  static Run run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** Waits for a subscriber to end (it has its messages, or its -W timeout passed). */
  static String finish(Process p, Path out) throws IOException, InterruptedException {
    if (!p.waitFor(25, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return Files.readString(out);
  }
}
