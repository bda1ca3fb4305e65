package dev.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between clients and a server, for tests that need to see or spoil the wire: it
 * records every line clients send, can swallow what the server sends ({@link #swallowReplies}),
 * and can cut every connection at once ({@link #cutAll}) the way a failing network does.
 */
final class RecordingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final InetSocketAddress server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  /** Every line a client sent, in order. */
  final List<String> clientLines = new CopyOnWriteArrayList<>();
  private volatile boolean swallowing;

  RecordingProxy(InetSocketAddress server) throws IOException {
    this.server = server;
    this.listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    daemon("proxy-accept", this::acceptLoop);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** From now on, what the server sends is dropped instead of reaching the clients. */
  void swallowReplies(boolean swallow) {
    swallowing = swallow;
  }

  /** Closes every connection through the proxy; clients may connect again. */
  void cutAll() {
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  /** The lines clients sent that contain {@code fragment}. */
  List<String> linesWith(String fragment) {
    return clientLines.stream().filter(l -> l.contains(fragment)).toList();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    cutAll();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket upstream = new Socket(server.getAddress(), server.getPort());
        sockets.add(client);
        sockets.add(upstream);
        daemon("proxy-up", () -> pump(client, upstream, true));
        daemon("proxy-down", () -> pump(upstream, client, false));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    StringBuilder line = new StringBuilder();
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (fromClient) {
          record(line, new String(buffer, 0, n, StandardCharsets.UTF_8));
        } else if (swallowing) {
          continue;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ignored) {
      // one side is gone
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void record(StringBuilder line, String text) {
    for (char c : text.toCharArray()) {
      if (c == '\n') {
        clientLines.add(line.toString());
        line.setLength(0);
      } else {
        line.append(c);
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }
}
