package dev.parley.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.bench.gen.BenchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Gets a login token for the bench's one registered user. Every generated connection logs in
 * with it, as one user connected many times: joining then announces no presence to the room,
 * which would cost N² frames while a room of N is being filled.
 */
public final class ParleyLogin {
  static final String USER = "bench";
  private static final String PASSWORD = "bench-password-not-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  private ParleyLogin() {}

  public static String token(String host, int tcpPort) {
    String token = attempt(host, tcpPort, "register");
    return token != null ? token : attempt(host, tcpPort, "hello"); // registered in an earlier run
  }

  private static String attempt(String host, int port, String type) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      String frame = "{\"type\":\"" + type + "\",\"user\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}\n";
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode reply = JSON.readTree(line);
        String kind = reply.path("type").asText();
        if (kind.equals("welcome")) {
          return reply.path("token").asText();
        }
        if (kind.equals("error") && type.equals("register") && reply.path("code").asText().equals("user_exists")) {
          return null;
        }
        if (kind.equals("error")) {
          throw new BenchException("logging in as " + USER + " failed: " + reply.path("code").asText());
        }
      }
      throw new BenchException("the server closed the connection while the bench logged in");
    } catch (IOException e) {
      throw new BenchException("cannot log in at " + host + ":" + port + ": " + e.getMessage());
    }
  }
}
