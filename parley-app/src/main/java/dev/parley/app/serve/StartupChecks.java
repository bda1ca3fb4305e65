package dev.parley.app.serve;

import dev.parley.server.ConfigException;
import dev.parley.server.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code serve} checks before it starts, so the operator hears about a missing certificate
 * or an unwritable data directory in one line rather than from deep inside the server. The
 * server checks again (a check here cannot see a race); these only make the common mistakes
 * clear. Each failure is a {@link ConfigException} naming the flag.
 */
final class StartupChecks {
  private static final int PEM_SNIFF_BYTES = 64 * 1024;

  private StartupChecks() {}

  static void check(ServerConfig config) {
    if (config.tlsCert() != null) {
      readablePem("--tls-cert", config.tlsCert());
      readablePem("--tls-key", config.tlsKey());
    }
    if (config.postgres() == null) { // with --postgres nothing is stored there
      writableDirectory("--data-dir", config.dataDir());
    }
    // Before the JIT warm-up, which takes seconds: a port in use is told at once.
    freeStreamPort("--tcp-port", config.bind(), config.tcpPort());
    freeStreamPort("--http-port", config.bind(), config.httpPort());
    freeStreamPort("--mqtt-port", config.bind(), config.mqttPort());
    freeStreamPort("--irc-port", config.bind(), config.ircPort());
    freeDatagramPort("--udp-port", config.bind(), config.udpPort());
  }

  /** Binds the port and lets it go; 0 (any free port) and -1 (off) need no check. */
  static void freeStreamPort(String flag, String host, int port) {
    if (port > 0) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.setReuseAddress(true); // as the server binds: a closed connection's TIME_WAIT is no obstacle
        socket.bind(new InetSocketAddress(host, port));
      } catch (IOException e) {
        throw notFree(flag, host, port, e);
      }
    }
  }

  static void freeDatagramPort(String flag, String host, int port) {
    if (port > 0) {
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(host, port))) {
        socket.getLocalPort();
      } catch (IOException e) {
        throw notFree(flag, host, port, e);
      }
    }
  }

  private static ConfigException notFree(String flag, String host, int port, IOException e) {
    return e instanceof BindException
        ? new ConfigException(flag + ": port " + port + " on " + host + " is already in use or not available", e)
        : new ConfigException(flag + ": cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
  }

  /** Opens and reads the file: {@code Files.isReadable} says yes to root for any mode. */
  static void readablePem(String flag, Path file) {
    if (Files.isDirectory(file)) {
      throw new ConfigException(flag + ": " + file + " is a directory, not a PEM file");
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(PEM_SNIFF_BYTES);
    } catch (IOException e) {
      throw new ConfigException(flag + ": cannot read " + file + ": " + reason(e), e);
    }
    if (!new String(head, StandardCharsets.US_ASCII).contains("-----BEGIN ")) {
      throw new ConfigException(flag + ": " + file + " is not a PEM file (no -----BEGIN line)");
    }
  }

  /** Creates the directory if needed and writes a probe file: only writing proves writable. */
  static void writableDirectory(String flag, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ConfigException(flag + ": cannot create directory " + dir + ": " + reason(e), e);
    }
    try {
      Path probe = Files.createTempFile(dir, ".parley-probe-", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw new ConfigException(flag + ": cannot write in " + dir + ": " + reason(e), e);
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(Locale.ROOT);
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
