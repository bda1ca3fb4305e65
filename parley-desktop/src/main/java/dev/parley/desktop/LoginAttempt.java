package dev.parley.desktop;

import dev.parley.client.ClientListener;
import dev.parley.client.ClientOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.Credentials;
import dev.parley.client.Endpoint;
import dev.parley.client.ParleyClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;

/**
 * One try at logging in: a client for the servers typed, connecting with the credentials given.
 * The library keeps dialling while the server cannot be reached (each try is reported to
 * {@code progress}); the attempt ends with a {@link LoginResult}, with the server's refusal, or
 * when the user cancels. Its future completes on the event thread.
 */
public final class LoginAttempt {
  private final ParleyClient client;
  private final CompletableFuture<LoginResult> result = new CompletableFuture<>();

  private LoginAttempt(ParleyClient client) {
    this.client = client;
  }

  /**
   * Starts logging in; {@code progress} hears, on the event thread, what the connection is doing.
   *
   * @throws IllegalArgumentException for a bad server address or an unreadable certificate
   */
  public static LoginAttempt start(String server, boolean tls, Path trustedCertificate, Credentials credentials,
      Consumer<String> progress) {
    List<Endpoint> endpoints = ServerAddresses.parse(server, tls);
    ClientOptions options = ClientOptions.of(endpoints, credentials).withTrustedCertificate(trustedCertificate);
    ParleyClient client = ParleyClient.create(options);
    LoginAttempt attempt = new LoginAttempt(client);
    ListenerRelay relay = new ListenerRelay();
    ClientListener watcher = new ClientListener() {
      @Override
      public void stateChanged(ConnectionState state, String detail) {
        SwingUtilities.invokeLater(() -> progress.accept(describe(state, detail)));
      }
    };
    client.addListener(relay).addListener(watcher);
    client.connect().whenComplete((welcome, e) -> SwingUtilities.invokeLater(() -> {
      client.removeListener(watcher);
      if (e != null) {
        client.close();
        attempt.result.completeExceptionally(e);
      } else {
        boolean guest = credentials instanceof Credentials.Guest;
        attempt.result.complete(new LoginResult(client, relay, welcome, ServerAddresses.normalise(server), guest));
      }
    }));
    return attempt;
  }

  public CompletableFuture<LoginResult> result() {
    return result;
  }

  /** Gives up: the client is closed and the future fails. */
  public void cancel() {
    client.close();
  }

  private static String describe(ConnectionState state, String detail) {
    String d = detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    return switch (state) {
      case CONNECTING -> "Connecting" + d + "…";
      case CONNECTED -> "Connected.";
      case DISCONNECTED -> "Cannot reach the server yet; trying again" + d + "…";
      case CLOSED -> "Stopped" + d + ".";
    };
  }
}
