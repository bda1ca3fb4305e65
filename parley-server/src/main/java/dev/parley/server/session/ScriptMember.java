package dev.parley.server.session;

import dev.parley.protocol.EncodedFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.auth.Login;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.room.Member;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A request with a token and no connection, as the rooms see it: an account's member that is
 * never in a room, so the first frame it is given is its request's answer (the {@code ack},
 * the page, or an error), which completes {@link #answer}. Anything after that is dropped.
 * Thread-safe.
 */
final class ScriptMember implements Member {
  private final Login.Accepted account;
  private final String identity;
  private final FrameCodec codec;
  private final ServerMetrics metrics;
  private final String transport;
  final CompletableFuture<ScriptAnswer> answer;

  ScriptMember(Login.Accepted account, FrameCodec codec, ServerMetrics metrics, String transport,
      CompletableFuture<ScriptAnswer> answer) {
    this.account = account;
    // The same as a connection's of the account, so that a ref retried over another transport
    // gets the original ack.
    this.identity = account.key() + "#" + account.accountId();
    this.codec = codec;
    this.metrics = metrics;
    this.transport = transport;
    this.answer = answer;
  }

  long accountId() {
    return account.accountId();
  }

  @Override
  public String user() {
    return account.user();
  }

  @Override
  public String userKey() {
    return account.key();
  }

  @Override
  public boolean isRegistered() {
    return true; // tokens are accounts' only
  }

  @Override
  public boolean isBot() {
    return account.bot(); // a bot's script posts are marked like its connection's sends
  }

  @Override
  public String identity() {
    return identity;
  }

  @Override
  public void send(EncodedFrame frame) {
    if (answer.complete(new ScriptAnswer(frame, null))) {
      metrics.scriptRequest(transport, null);
    }
  }

  @Override
  public void reject(ErrorCode code, String message, String ref) {
    if (answer.complete(new ScriptAnswer(codec.encode(new ServerFrame.Error(code, message, ref)), code))) {
      metrics.scriptRequest(transport, code);
      metrics.errorSent(code);
    }
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public void whenWritable(Runnable then) {
    then.run();
  }

  @Override
  public Executor executor() {
    return Runnable::run;
  }

  @Override
  public void joinAnswered(String room, boolean accepted) {}

  @Override
  public void attached(String room) {}

  @Override
  public void removed(String room) {}
}
