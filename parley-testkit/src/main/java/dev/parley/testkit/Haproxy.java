package dev.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real HAProxy (Debian's package, installed by {@code scripts/install-test-tools.sh}) in front
 * of Parley nodes, as a child process in the foreground ({@code haproxy -db}). {@link #start}
 * writes the configuration of {@link HaproxyConfig} with its three listeners (TCP, HTTP, status
 * page) on free loopback ports, and returns once each of them accepts and every node is
 * {@code UP}; {@link #close} stops it. HAProxy's log (standard error) is kept for a failing
 * test to show.
 */
public final class Haproxy implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration READY_LIMIT = Duration.ofSeconds(20);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path dir;
  private final HaproxyConfig config;
  private final StringBuffer log = new StringBuffer();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Haproxy(Process process, Path dir, HaproxyConfig config) {
    this.process = process;
    this.dir = dir;
    this.config = config;
    pump(process.getInputStream());
    pump(process.getErrorStream());
  }

  /** HAProxy in front of these nodes, its listeners on free loopback ports. */
  public static Haproxy start(List<HaproxyConfig.Node> nodes) {
    List<String> failures = new ArrayList<>();
    // A port found free can be taken by someone else before HAProxy binds it: then try again.
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      HaproxyConfig config = new HaproxyConfig(freeAddress(), freeAddress(), freeAddress(), nodes);
      Haproxy haproxy = launch(config);
      String failure = haproxy.awaitReady();
      if (failure == null) {
        return haproxy;
      }
      haproxy.close();
      failures.add(failure + "\n" + haproxy.log());
    }
    throw new IllegalStateException("HAProxy did not start:\n" + String.join("\n", failures));
  }

  /** {@code haproxy -c -f FILE}: the checker's output when the file is valid, else an exception with it. */
  public static String check(Path configFile) {
    try {
      Process p = new ProcessBuilder(binary().toString(), "-c", "-f", configFile.toString())
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("haproxy -c did not finish");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("haproxy -c -f " + configFile + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The {@code haproxy} binary: on the {@code PATH}, else Debian's {@code /usr/sbin/haproxy}
   * (not on a normal user's {@code PATH}).
   */
  public static Path binary() {
    String path = System.getenv().getOrDefault("PATH", "");
    Stream<Path> candidates = Stream.concat(
        Stream.of(path.split(java.io.File.pathSeparator)).filter(s -> !s.isEmpty()).map(d -> Path.of(d, "haproxy")),
        Stream.of(Path.of("/usr/sbin/haproxy")));
    return candidates.filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
        "haproxy is not installed: run scripts/install-test-tools.sh (or apt-get install haproxy)"));
  }

  public HaproxyConfig config() {
    return config;
  }

  /** The configuration file HAProxy runs with. */
  public Path configFile() {
    return dir.resolve("haproxy.cfg");
  }

  /** The TCP frontend: JSON lines, relayed to a node's TCP port. */
  public InetSocketAddress tcpAddress() {
    return address(config.tcpBind());
  }

  /** The HTTP frontend: the web page, {@code /ws} and {@code /poll/*}, relayed to a node's HTTP port. */
  public InetSocketAddress httpAddress() {
    return address(config.httpBind());
  }

  /** {@code http://127.0.0.1:PORT/} of the HTTP frontend. */
  public URI httpUri() {
    return URI.create("http://" + config.httpBind() + "/");
  }

  /** Connections HAProxy holds open to each node of a backend ({@code scur}), by node name. */
  public Map<String, Integer> sessions(String backend) {
    Map<String, Integer> sessions = new LinkedHashMap<>();
    for (Map<String, String> row : stats(backend)) {
      sessions.put(row.get("svname"), Integer.parseInt(row.get("scur")));
    }
    return sessions;
  }

  /** The node's state as HAProxy's checks see it: {@code UP}, {@code DOWN}, {@code UP 1/2}, … */
  public String status(String node) {
    return stats("parley_http_nodes").stream().filter(r -> r.get("svname").equals(node))
        .map(r -> r.get("status")).findFirst().orElseThrow(() -> new IllegalArgumentException("no node " + node));
  }

  /** Everything HAProxy has logged so far. */
  public String log() {
    return log.toString();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: HAProxy stops at once
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  private static Haproxy launch(HaproxyConfig config) {
    try {
      Path dir = Files.createTempDirectory("parley-haproxy");
      Path file = dir.resolve("haproxy.cfg");
      Files.writeString(file, config.render());
      Process process = new ProcessBuilder(binary().toString(), "-db", "-f", file.toString()).start();
      return new Haproxy(process, dir, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Null once every listener accepts and every node is UP; else what is missing at the deadline. */
  private String awaitReady() {
    long deadline = System.nanoTime() + READY_LIMIT.toNanos();
    String missing = "nothing checked yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return "haproxy exited with " + process.exitValue();
      }
      missing = missing();
      if (missing == null) {
        return null;
      }
      sleep(100);
    }
    return "not ready within " + READY_LIMIT + ": " + missing;
  }

  private String missing() {
    for (String bind : List.of(config.tcpBind(), config.httpBind(), config.statsBind())) {
      if (!accepts(address(bind))) {
        return "nothing accepts on " + bind;
      }
    }
    for (HaproxyConfig.Node node : config.nodes()) {
      String status = status(node.name());
      if (!status.equals("UP")) {
        return "node " + node.name() + " is " + status;
      }
    }
    return null;
  }

  /** The status page's CSV rows of one proxy's servers (not its FRONTEND or BACKEND line). */
  private List<Map<String, String>> stats(String proxy) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + config.statsBind() + "/stats;csv"))
        .timeout(Duration.ofSeconds(5)).build();
    String body;
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("HAProxy's status page answered " + response.statusCode());
      }
      body = response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    List<String> lines = body.lines().toList();
    String[] header = lines.get(0).replaceFirst("^# ", "").split(",", -1);
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < header.length && i < cells.length; i++) {
        row.put(header[i], cells[i]);
      }
      String server = row.get("svname");
      if (proxy.equals(row.get("pxname")) && !server.equals("FRONTEND") && !server.equals("BACKEND")) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static boolean accepts(InetSocketAddress address) {
    try (Socket s = new Socket()) {
      s.connect(address, 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String freeAddress() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return LOOPBACK + ":" + probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress address(String bind) {
    int colon = bind.lastIndexOf(':');
    return new InetSocketAddress(bind.substring(0, colon), Integer.parseInt(bind.substring(colon + 1)));
  }

  private void pump(InputStream stream) {
    Thread t = new Thread(() -> {
      try (java.io.Reader in = new java.io.InputStreamReader(stream, StandardCharsets.UTF_8)) {
        char[] buffer = new char[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
          log.append(buffer, 0, n);
        }
      } catch (IOException ignored) {
        // the process is gone
      }
    }, "haproxy-log");
    t.setDaemon(true);
    t.start();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
