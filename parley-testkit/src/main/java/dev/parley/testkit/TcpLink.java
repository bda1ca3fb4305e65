package dev.parley.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** JSON lines over a plain socket. */
final class TcpLink implements Link {
  private final Socket socket;
  private final OutputStream out;
  private final ReadGate gate = new ReadGate();

  TcpLink(InetSocketAddress address, int receiveBufferBytes, Inbox inbox) {
    try {
      socket = new Socket();
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes);
      }
      socket.connect(address, 5000);
      socket.setTcpNoDelay(true);
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + address, e);
    }
    Thread reader = new Thread(() -> readLoop(inbox), "wire-client-tcp");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public void send(String json) {
    sendRaw((json + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void sendBurst(java.util.List<String> frames) {
    sendRaw((String.join("\n", frames) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("send failed", e);
    }
  }

  @Override
  public void pauseReading() {
    gate.pause();
  }

  @Override
  public void resumeReading() {
    gate.resume();
  }

  @Override
  public void close() {
    gate.resume();
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket that is already gone is not a test failure
    }
  }

  private void readLoop(Inbox inbox) {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        inbox.received(line);
        gate.awaitOpen();
      }
    } catch (IOException ignored) {
      // a reset or our own close ends the stream like a FIN does
    } finally {
      inbox.ended();
    }
  }
}
