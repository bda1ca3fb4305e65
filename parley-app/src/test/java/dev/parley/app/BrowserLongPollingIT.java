package dev.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.app.ChatPage.Message;
import dev.parley.testkit.WireClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A browser that cannot use WebSockets still chats: the page falls back to long-polling. The
 * blocking is done in the browser, before the page's own script runs, in the two ways it
 * happens in the world; the server is the real one, and its metrics show the page's
 * connection arriving over {@code /poll/*}.
 */
class BrowserLongPollingIT {
  // Browsers are closed (and pictured, after a failure) before the servers stop.
  @RegisterExtension @Order(1) final ServerProcesses servers = new ServerProcesses();
  @RegisterExtension @Order(2) final Browsers browsers = new Browsers();
  @TempDir Path dataDir;

  /** How WebSockets fail; each stand-in counts the page's attempts in window.webSocketTries. */
  enum Blocked {
    /** A proxy or firewall refuses the upgrade: the socket never opens, errors, and closes. */
    UPGRADE_REFUSED("""
        window.webSocketTries = 0;
        window.WebSocket = class extends EventTarget {
          constructor(url) {
            super();
            window.webSocketTries += 1;
            this.url = url;
            this.readyState = 0;
            setTimeout(() => {
              this.readyState = 3;
              const error = new Event('error');
              this.onerror?.(error);
              this.dispatchEvent(error);
              const close = new CloseEvent('close', { code: 1006, wasClean: false });
              this.onclose?.(close);
              this.dispatchEvent(close);
            }, 20);
          }
          send() { throw new DOMException('not open', 'InvalidStateError'); }
          close() {}
        };
        """),
    /** A policy or an extension turns WebSockets off: the constructor throws. */
    DISABLED("""
        window.webSocketTries = 0;
        window.WebSocket = function () {
          window.webSocketTries += 1;
          throw new DOMException('WebSockets are disabled here', 'SecurityError');
        };
        """);

    final String script;

    Blocked(String script) {
      this.script = script;
    }
  }

  @ParameterizedTest
  @EnumSource(Blocked.class)
  void aPageWithWebSocketsBlockedChatsOverLongPolling(Blocked blocked) throws Exception {
    ServerProcess server = servers.start(dataDir);
    Browser browser = browsers.start();
    browser.beforeEveryPage(blocked.script);
    ChatPage ann = ChatPage.open(browser, server).enterAsGuest("ann").join("1001");

    assertThat(ann.transport()).isEqualTo("poll");
    assertThat(((Number) ann.js("return window.webSocketTries")).intValue()).isPositive();
    String metrics = get(server.httpUri().resolve("/metrics"));
    assertThat(metrics).contains("parley_connections{transport=\"poll\"} 1.0");
    assertThat(metrics).doesNotContain("parley_connections{transport=\"websocket\"} 1.0");

    try (WireClient bob = WireClient.guest(server.tcpAddress(), "bob")) {
      Chat.join(bob, "1001");
      ann.say("hello over long-polling");
      Chat.awaitText(bob, "1001", "hello over long-polling");
      Chat.say(bob, "1001", "received, and here is mine", "b1");
      ann.awaitMessage("bob", "received, and here is mine");
    }
    assertThat(ann.messages())
        .extracting(Message::text)
        .containsExactly("hello over long-polling", "received, and here is mine");
  }

  private static String get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
