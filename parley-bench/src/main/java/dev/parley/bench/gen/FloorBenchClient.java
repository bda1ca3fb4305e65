package dev.parley.bench.gen;

import io.netty.buffer.ByteBuf;

/** Speaks the floor's non-protocol: the room's name (echoed once joined), then bare stamped lines. */
final class FloorBenchClient extends BenchClient {

  FloorBenchClient(String room, Events events, boolean webSocket) {
    super(room, events, webSocket);
  }

  @Override
  protected void linkUp() {
    writeText(room);
    flush();
  }

  @Override
  public void publish(String text) {
    writeText(text);
  }

  @Override
  protected void frame(ByteBuf content) {
    if (!ready().isDone()) {
      markReady(); // the floor echoes the room's name once joined
      return;
    }
    Stamp.read(content, content.readerIndex(), events::delivered);
  }
}
