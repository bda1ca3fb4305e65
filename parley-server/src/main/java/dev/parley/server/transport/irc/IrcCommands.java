package dev.parley.server.transport.irc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.session.RateLimiter;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * IRC commands in: answered here when IRC alone is asked (CAP, PING, MODE queries), turned into
 * protocol frames for the session otherwise. Lines are paced like IRC servers pace them: beyond
 * the connection's rate they wait ("fake lag") instead of being dropped, and a client that gets
 * more than {@link #MAX_QUEUED_SECONDS} seconds ahead is closed with "Excess Flood".
 */
final class IrcCommands extends ChannelInboundHandlerAdapter implements IrcLink {
  /** How many seconds of lines, at the connection's rate, may wait before it is a flood. */
  static final int MAX_QUEUED_SECONDS = 10;
  private static final Set<String> BEFORE_REGISTRATION =
      Set.of("CAP", "AUTHENTICATE", "PASS", "NICK", "USER", "PING", "PONG", "QUIT");

  private final IrcClient client;
  private final IrcRegistration registration;
  private final Map<String, BiConsumer<IrcMessage, IrcLink>> table = new HashMap<>();
  private final RateLimiter rate;
  private final int ratePerSecond;
  /** Lines waiting for the rate; event loop only. */
  private final ArrayDeque<Object> queued = new ArrayDeque<>();
  private boolean drainScheduled;
  private boolean flooded;
  private final FrameCodec codec;
  private ChannelHandlerContext ctx;

  IrcCommands(IrcClient client, IrcRegistration registration, FrameCodec codec, int ratePerSecond) {
    this.codec = codec;
    this.client = client;
    this.registration = registration;
    this.ratePerSecond = ratePerSecond;
    this.rate = new RateLimiter(ratePerSecond, System.nanoTime());
    IrcChatCommands chat = new IrcChatCommands(client);
    table.put("CAP", registration::cap);
    table.put("AUTHENTICATE", registration::authenticate);
    table.put("PASS", registration::pass);
    table.put("NICK", registration::nick);
    table.put("USER", registration::user);
    table.put("PING", (m, l) -> l.line(":" + IrcClient.SERVER + " PONG " + IrcClient.SERVER + " :" + (m.param(0) == null ? "" : m.param(0))));
    table.put("PONG", (m, l) -> {}); // reading it was the point: the idle timer is reset
    table.put("QUIT", (m, l) -> l.closeWith("Quit: " + (m.param(0) == null ? "" : m.param(0))));
    table.put("JOIN", chat::join);
    table.put("PART", chat::part);
    table.put("PRIVMSG", chat::message);
    table.put("NOTICE", chat::message);
    table.put("TOPIC", chat::topic);
    table.put("NAMES", chat::names);
    table.put("WHO", chat::who);
    table.put("LIST", chat::list);
    table.put("MODE", chat::mode);
    table.put("KICK", chat::kick);
    table.put("CHATHISTORY", chat::chathistory);
    table.put("TAGMSG", (m, l) -> {}); // typing notifications and reactions are not kept
    table.put("WHOIS", (m, l) -> l.line(client.numeric("318", m.param(0) == null ? "*" : m.param(0), "End of /WHOIS list")));
    table.put("USERHOST", (m, l) -> l.line(client.numeric("302", "")));
    table.put("ISON", (m, l) -> l.line(client.numeric("303", "")));
    table.put("AWAY", (m, l) -> l.line(m.param(0) == null
        ? client.numeric("305", "You are no longer marked as being away")
        : client.numeric("306", "You have been marked as being away")));
    table.put("MOTD", (m, l) -> l.line(client.numeric("422", "MOTD is shown at registration only")));
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (flooded) {
      return;
    }
    queued.add(msg);
    if (queued.size() > MAX_QUEUED_SECONDS * ratePerSecond) {
      flooded = true;
      queued.clear();
      closeWith("Excess Flood");
      return;
    }
    drain();
  }

  private void drain() {
    drainScheduled = false;
    while (!queued.isEmpty() && ctx.channel().isActive() && rate.tryAcquire(System.nanoTime())) {
      handle(queued.poll());
    }
    if (!queued.isEmpty() && !drainScheduled && ctx.channel().isActive()) {
      drainScheduled = true;
      ctx.executor().schedule(this::drain, Math.max(1, 1000 / ratePerSecond), TimeUnit.MILLISECONDS);
    }
  }

  private void handle(Object msg) {
    if (msg instanceof Decoded.Rejected rejected) {
      ctx.fireChannelRead(rejected); // the session answers it and counts it against the budget
      return;
    }
    IrcMessage m = (IrcMessage) msg;
    var command = table.get(m.command());
    if (!client.registered && !BEFORE_REGISTRATION.contains(m.command())) {
      line(client.numeric("451", "You have not registered"));
    } else if (command == null) {
      line(client.numeric("421", m.command(), "Unknown command"));
    } else {
      command.accept(m, this);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongFrameException) {
      channelRead(ctx, new Decoded.Rejected(ErrorCode.TOO_LARGE, "Input line was too long", null));
      return;
    }
    ctx.fireExceptionCaught(cause);
  }

  @Override
  public void line(String line) {
    ctx.writeAndFlush(line, ctx.voidPromise());
  }

  @Override
  public void frame(Object... keysAndValues) {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Object value = keysAndValues[i + 1];
      if (value instanceof String s) {
        tree.put((String) keysAndValues[i], s);
      } else if (value instanceof Number n) {
        tree.put((String) keysAndValues[i], n.longValue());
      }
    }
    ctx.fireChannelRead(codec.decode(tree));
  }

  @Override
  public void closeWith(String reason) {
    ctx.writeAndFlush("ERROR :Closing Link: " + client.me() + " (" + reason + ")").addListener(ChannelFutureListener.CLOSE);
  }
}
