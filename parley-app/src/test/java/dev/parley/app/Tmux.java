package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real pseudo-terminals for tests, through tmux: each session runs one command in a terminal of
 * a fixed size; tests type into it ({@code send-keys}) and read the screen ({@code capture-pane},
 * without colours unless asked). Every instance has its own tmux server (its own socket), killed
 * and removed by {@link #close}. Panes stay after their command exits, showing its exit status.
 */
final class Tmux implements AutoCloseable {
  static final int WIDTH = 100;
  static final int HEIGHT = 30;
  /** What the shell prints when the command ends, before the status and a closing bracket. */
  private static final String EXITED = "[exited with status ";

  /** This instance's tmux server socket, in a directory of its own, removed by {@link #close}. */
  private final Path socketDir;
  private final String socket;

  Tmux() {
    try {
      socketDir = Files.createTempDirectory("parley-tmux");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    socket = socketDir.resolve("sock").toString();
  }

  /**
   * Makes sure tmux can be run: installs it with apt-get when it is missing and the test runs as
   * root (or with password-less sudo), as {@code .ci/run} does; fails with what to do otherwise.
   */
  static void ensureInstalled() {
    if (run(List.of("tmux", "-V")).exitCode == 0) {
      return;
    }
    String sudo = ProcessHandle.current().info().user().orElse("").equals("root") ? "" : "sudo -n ";
    run(List.of("sh", "-c", sudo + "apt-get update -q && " + sudo + "apt-get install -y -q tmux"));
    if (run(List.of("tmux", "-V")).exitCode != 0) {
      fail("tmux is needed to drive the terminal client and could not be installed: apt-get install tmux");
    }
  }

  /** Starts {@code command} in a new session named {@code name}. */
  void start(String name, List<String> command) {
    String shellCommand = command.stream().map(Tmux::quoted).collect(Collectors.joining(" "))
        + "; echo \"" + EXITED + "$?]\"";
    tmux("new-session", "-d", "-s", name, "-x", String.valueOf(WIDTH), "-y", String.valueOf(HEIGHT),
        shellCommand, ";", "set-option", "-t", name, "remain-on-exit", "on");
  }

  /** Types {@code text} literally, without Enter. */
  void type(String name, String text) {
    tmux("send-keys", "-t", name, "-l", text);
  }

  void enter(String name) {
    tmux("send-keys", "-t", name, "Enter");
  }

  /** Types a line and presses Enter. */
  void line(String name, String text) {
    type(name, text);
    enter(name);
  }

  /** The visible screen, one string per row, trailing blank rows dropped. */
  List<String> screen(String name) {
    return trimmed(tmux("capture-pane", "-p", "-t", name));
  }

  /** Everything the pane ever showed (scroll-back and screen). */
  List<String> history(String name) {
    return trimmed(tmux("capture-pane", "-p", "-S", "-", "-t", name));
  }

  /** The screen with its colour escape sequences. */
  String screenWithColours(String name) {
    return tmux("capture-pane", "-p", "-e", "-t", name);
  }

  /** The last row that is not blank: where the prompt is. */
  String lastLine(String name) {
    List<String> rows = screen(name);
    return rows.isEmpty() ? "" : rows.get(rows.size() - 1);
  }

  /**
   * The command's exit status, once it has ended (the shell around it prints the status, and the
   * pane stays); {@code null} while it runs.
   */
  Integer exitStatus(String name) {
    for (String row : screen(name)) {
      int at = row.indexOf(EXITED);
      if (at >= 0 && row.endsWith("]")) {
        return Integer.valueOf(row.substring(at + EXITED.length(), row.length() - 1));
      }
    }
    return null;
  }

  @Override
  public void close() {
    run(List.of("tmux", "-S", socket, "kill-server"));
    try {
      Files.deleteIfExists(Path.of(socket));
      Files.deleteIfExists(socketDir);
    } catch (IOException e) {
      // a temporary file left behind
    }
  }

  private String tmux(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-S", socket, "-f", "/dev/null"));
    command.addAll(List.of(args));
    Result result = run(command);
    assertThat(result.exitCode).as("%s: %s", command, result.output).isZero();
    return result.output;
  }

  private static List<String> trimmed(String capture) {
    List<String> rows = new ArrayList<>(capture.lines().map(String::stripTrailing).toList());
    while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
      rows.remove(rows.size() - 1);
    }
    return rows;
  }

  private static String quoted(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Result(-1, output);
      }
      return new Result(p.exitValue(), output);
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, e.toString());
    }
  }
}
