package dev.parley.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testkit.WireClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A client that sends frames and never reads what the server says, so the server soon sees a
 * connection that takes nothing: a bare TCP socket or WebSocket with a small receive buffer
 * (the JDK's WebSocket client keeps reading into its own buffers even when asked for nothing),
 * or a long-polling session that never calls {@code recv}.
 */
final class NonReader implements AutoCloseable {
  private static final int RECEIVE_BUFFER_BYTES = 4096;

  private final Transport transport;
  private final ParleyServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private Socket socket;
  private String sid;

  private NonReader(Transport transport, ParleyServer server) {
    this.transport = transport;
    this.server = server;
  }

  static NonReader open(Transport transport, ParleyServer server) throws IOException {
    NonReader r = new NonReader(transport, server);
    switch (transport) {
      case TCP -> r.socket = connect(server.tcpAddress().getPort());
      case WEBSOCKET -> {
        r.socket = connect(server.httpAddress().orElseThrow().getPort());
        r.upgrade();
      }
      case LONG_POLL -> { } // the first frame opens the session
    }
    return r;
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return socket;
  }

  /** The WebSocket handshake: the only bytes this client ever reads. */
  private void upgrade() throws IOException {
    write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the handshake: " + head);
      }
      head.write(b);
    }
    if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
      throw new IOException("no upgrade: " + head);
    }
  }

  void send(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    switch (transport) {
      case TCP -> write((json + "\n").getBytes(StandardCharsets.UTF_8));
      case WEBSOCKET -> write(maskedTextFrame(bytes));
      case LONG_POLL -> poll(json);
    }
  }

  /** RFC 6455: one final text frame, masked as a client must, with a zero key (payload as is). */
  private static byte[] maskedTextFrame(byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xFF);
    }
    frame.writeBytes(new byte[4]);
    frame.writeBytes(payload);
    return frame.toByteArray();
  }

  private void poll(String json) {
    int port = server.httpAddress().orElseThrow().getPort();
    boolean opening = sid == null;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + (opening ? "/poll/open" : "/poll/send")))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(opening ? json : "[" + json + "]"));
    if (!opening) {
      request.header("Authorization", "Bearer " + sid);
    }
    try {
      HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (opening) {
        JsonNode body = WireClient.json(answer.body());
        sid = body.path("sid").asText();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void write(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }
}
