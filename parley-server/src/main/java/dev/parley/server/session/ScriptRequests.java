package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Names;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.auth.Login;
import dev.parley.server.auth.Tokens;
import dev.parley.server.store.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests made with a token instead of a connection, whatever carries them (the HTTP API, UDP):
 * a {@code send} to a room (no join needed), a {@code dm}, and a read of a room's messages.
 * Each takes frames the protocol's decoder has already checked, and answers once, through the
 * returned future: the encoded {@code ack} (or page), or an error.
 *
 * <p>The token is looked up in the store on the auth pool on every request, never cached, so a
 * revoked token, or every token of an account whose password changed or that was deleted, is
 * refused from the very next request. Requests are limited per token at the connections' rate
 * (see {@link TokenRates}); failed lookups count against the host as failed token logins do.
 * Thread-safe.
 */
public final class ScriptRequests {
  private static final Logger log = LoggerFactory.getLogger(ScriptRequests.class);

  private final SessionServices services;
  private final TokenRates rates;

  public ScriptRequests(SessionServices services) {
    this.services = services;
    this.rates = new TokenRates(services.ratePerSecond());
  }

  /**
   * Posts to a room, as {@link dev.parley.server.room.RoomHub#post} says; a post to one's own
   * private conversation goes to the other user's connections as a {@code dm} does.
   */
  public CompletableFuture<ScriptAnswer> send(String transport, String token, String host, ClientFrame.Send send) {
    return authorized(transport, token, host, send.ref(), poster -> {
      String room = send.room();
      if (!Names.isDirect(room)) {
        services.hub().post(poster, room, send.text(), send.ref());
        return;
      }
      if (!Names.isParticipant(room, poster.userKey())) {
        poster.reject(ErrorCode.FORBIDDEN, "that private conversation is not yours", send.ref());
        return;
      }
      List<String> both = Names.participants(room);
      String other = both.get(0).equals(poster.userKey()) ? both.get(1) : both.get(0);
      deliver(poster, other, send.text(), send.ref());
    });
  }

  /** A private message to a registered user, as the {@code dm} frame. */
  public CompletableFuture<ScriptAnswer> dm(String transport, String token, String host, ClientFrame.Dm dm) {
    return authorized(transport, token, host, dm.ref(), poster -> deliver(poster, Names.key(dm.to()), dm.text(), dm.ref()));
  }

  /**
   * The messages of a room after {@code since}, oldest first, at most {@code request.limit()}
   * (see {@link dev.parley.server.room.RoomHub#messagesAfter}); public rooms need no join,
   * private conversations are only their users'.
   */
  public CompletableFuture<ScriptAnswer> read(
      String transport, String token, String host, ClientFrame.History request, long since) {
    return authorized(transport, token, host, request.ref(), reader -> {
      if (Names.isDirect(request.room()) && !Names.isParticipant(request.room(), reader.userKey())) {
        reader.reject(ErrorCode.FORBIDDEN, "that private conversation is not yours", request.ref());
        return;
      }
      services.hub().messagesAfter(reader, request.room(), since, request.limit());
    });
  }

  /**
   * On the auth pool: the recipient must be a registered user (the lookup may read the store);
   * every connection of the two accounts joins their conversation, then the message is sent.
   */
  private void deliver(ScriptMember poster, String toKey, String text, String ref) {
    Optional<Account> to = services.users().lookup(toKey);
    if (to.isEmpty()) {
      poster.reject(ErrorCode.NO_SUCH_USER, "no registered user " + toKey, ref);
      return;
    }
    String room = Names.directRoom(poster.userKey(), toKey);
    var registry = services.registry();
    List<Session> participants = new ArrayList<>(registry.accountConnections(poster.userKey(), poster.accountId()));
    if (to.get().id() != poster.accountId()) {
      participants.addAll(registry.accountConnections(toKey, to.get().id()));
    }
    services.hub().sendDirect(poster, room, participants, text, ref);
  }

  /**
   * Checks the token's rate and the token itself, then runs {@code action} on the auth pool
   * with the token's account as the member to answer through.
   */
  private CompletableFuture<ScriptAnswer> authorized(
      String transport, String token, String host, String ref, Consumer<ScriptMember> action) {
    CompletableFuture<ScriptAnswer> answer = new CompletableFuture<>();
    if (token == null || token.isEmpty()) {
      return refuse(answer, transport, ErrorCode.AUTH_FAILED, "a token is needed", ref);
    }
    String hash = Tokens.hash(token);
    Boolean allowed = rates.tryAcquireIfKnown(hash, System.nanoTime());
    if (Boolean.FALSE.equals(allowed)) {
      return refuse(answer, transport, ErrorCode.RATE_LIMITED, "too many requests with this token, slow down", ref);
    }
    try {
      services.authPool().execute(() -> {
        try {
          Login login = services.authenticator().bearer(token, host);
          if (login instanceof Login.Refused refused) {
            refuse(answer, transport, refused.code(), refused.message(), ref);
            return;
          }
          Login.Accepted account = (Login.Accepted) login;
          if (services.accountChanges().outdated(account.accountId(), account.generation()) != null) {
            refuse(answer, transport, ErrorCode.AUTH_FAILED, "the token is not valid", ref);
            return;
          }
          if (allowed == null && !rates.tryAcquire(hash, System.nanoTime())) {
            refuse(answer, transport, ErrorCode.RATE_LIMITED, "too many requests with this token, slow down", ref);
            return;
          }
          action.accept(new ScriptMember(account, services.codec(), services.metrics(), transport, answer));
        } catch (RuntimeException e) {
          log.error("a {} request from {} failed", transport, host, e);
          refuse(answer, transport, ErrorCode.INTERNAL, "the server failed to handle this request", ref);
        }
      });
    } catch (RejectedExecutionException e) {
      refuse(answer, transport, ErrorCode.RATE_LIMITED, "the server is busy, try again shortly", ref);
    }
    return answer;
  }

  private CompletableFuture<ScriptAnswer> refuse(
      CompletableFuture<ScriptAnswer> answer, String transport, ErrorCode code, String message, String ref) {
    var error = services.codec().encode(new ServerFrame.Error(code, message, ref));
    if (answer.complete(new ScriptAnswer(error, code))) {
      services.metrics().scriptRequest(transport, code);
      services.metrics().errorSent(code);
    }
    return answer;
  }

  /** How many tokens have a rate bucket now (for tests and metrics). */
  int tokensLimited() {
    return rates.size();
  }
}
