package dev.parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A tiny echo server on a loopback port, for testing {@link FaultProxy}: it writes back every
 * byte it reads, closes when its client closes, and notes how each connection ended ("eof" for
 * a FIN, "reset" for an RST, "closed" when it closed them itself).
 */
final class EchoServer implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<String> endings = new CopyOnWriteArrayList<>();
  final AtomicLong bytesRead = new AtomicLong();

  EchoServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("echo-accept", this::acceptLoop);
  }

  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
  }

  int accepted() {
    return sockets.size();
  }

  /** Closes every connection from this side (a FIN towards the proxy). */
  void closeConnections() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    closeConnections();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        sockets.add(s);
        daemon("echo", () -> echo(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void echo(Socket s) {
    endings.add(pump(s));
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private String pump(Socket s) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        bytesRead.addAndGet(n);
        out.write(buffer, 0, n);
        out.flush();
      }
      return "eof";
    } catch (SocketException e) {
      return s.isClosed() ? "closed" : "reset";
    } catch (IOException e) {
      return "failed: " + e;
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }
}
