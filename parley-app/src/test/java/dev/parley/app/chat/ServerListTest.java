package dev.parley.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.app.ParleyCommand;
import dev.parley.client.Endpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code chat --server a:7070,b:7070}: several servers, in order, each named when it is bad. */
class ServerListTest {

  @Test
  void oneServerIsAListOfOne() {
    assertThat(ServerList.parse("localhost:7070", false)).containsExactly(Endpoint.tcp("localhost", 7070));
  }

  @Test
  void serversAreSeparatedByCommasAndKeepTheirOrder() {
    assertThat(ServerList.parse("b.example:7071, a.example ,[::1]:7073", false))
        .containsExactly(Endpoint.tcp("b.example", 7071), Endpoint.tcp("a.example", 7070), Endpoint.tcp("::1", 7073));
  }

  @Test
  void tlsAppliesToEveryTcpServerAndWebSocketsStayWebSockets() {
    assertThat(ServerList.parse("a:7070,ws://b:8080/ws", true))
        .containsExactly(Endpoint.tls("a", 7070), Endpoint.webSocket(URI.create("ws://b:8080/ws")));
  }

  @Test
  void aBadEntryIsNamed() {
    assertThatThrownBy(() -> ServerList.parse("a:7070,b:seventy", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'b:seventy'");
    assertThatThrownBy(() -> ServerList.parse("a:7070,b:70000", false))
        .hasMessageContaining("'b:70000'");
    assertThatThrownBy(() -> ServerList.parse("a:7070,,b:7070", false))
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> ServerList.parse("a:7070,http://b/ws", false))
        .hasMessageContaining("'http://b/ws'");
  }

  @Test
  void aBadEntryOnTheCommandLineIsAUsageErrorNamingIt() {
    CommandLine cmd = ParleyCommand.commandLine();
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err, true));

    int status = cmd.execute("chat", "--server", "a:7070,b:seventy");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("parley: --server: 'b:seventy' ").hasLineCount(1);
  }
}
