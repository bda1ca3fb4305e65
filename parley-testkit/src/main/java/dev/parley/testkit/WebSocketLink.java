package dev.parley.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One frame per WebSocket text message, with the JDK's client. Reading is paused by not
 * requesting more messages, which stops the client reading its socket.
 */
final class WebSocketLink implements Link {
  private final WebSocket socket;
  private final ReadGate gate = new ReadGate();
  private final StringBuilder partial = new StringBuilder();
  private volatile WebSocket listenerSide;
  private boolean owed;

  WebSocketLink(URI uri, String origin, javax.net.ssl.SSLContext tls, Inbox inbox) {
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
    if (tls != null) {
      client.sslContext(tls);
    }
    HttpClient http = client.build();
    WebSocket.Builder builder = http.newWebSocketBuilder();
    if (origin != null) {
      builder.header("Origin", origin);
    }
    socket = builder.buildAsync(uri, new Listener(inbox)).orTimeout(10, TimeUnit.SECONDS).join();
  }

  private final class Listener implements WebSocket.Listener {
    private final Inbox inbox;

    Listener(Inbox inbox) {
      this.inbox = inbox;
    }

    @Override
    public void onOpen(WebSocket ws) {
      listenerSide = ws;
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        inbox.received(partial.toString());
        partial.setLength(0);
      }
      requestNext(ws);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      inbox.ended();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      inbox.ended();
    }
  }

  private void requestNext(WebSocket ws) {
    synchronized (gate) {
      if (gate.isPaused()) {
        owed = true;
        return;
      }
    }
    ws.request(1);
  }

  @Override
  public void send(String json) {
    CompletableFuture<WebSocket> sent = socket.sendText(json, true);
    sent.orTimeout(10, TimeUnit.SECONDS).join();
  }

  /**
   * The server may close in the middle of a burst (after too many errors, say); what was not
   * sent by then is moot, as the rest of a TCP write would be, so the burst just stops.
   */
  @Override
  public void sendBurst(List<String> frames) {
    for (String frame : frames) {
      try {
        send(frame);
      } catch (CompletionException e) {
        if (socket.isInputClosed()) {
          return; // the server's close arrived: it ended the connection
        }
        throw e;
      }
    }
  }

  @Override
  public void pauseReading() {
    synchronized (gate) {
      gate.pause();
    }
  }

  @Override
  public void resumeReading() {
    boolean request;
    synchronized (gate) {
      gate.resume();
      request = owed;
      owed = false;
    }
    if (request && listenerSide != null) {
      listenerSide.request(1);
    }
  }

  @Override
  public void close() {
    resumeReading();
    socket.abort();
  }
}
