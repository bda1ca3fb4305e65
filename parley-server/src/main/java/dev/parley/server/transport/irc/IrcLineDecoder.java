package dev.parley.server.transport.irc;

import dev.parley.protocol.Decoded;
import dev.parley.protocol.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One line (without its delimiter) to an {@link IrcMessage}, or to a rejection the session
 * answers like any bad frame: bytes that are not UTF-8, or a message part (the line without its
 * tags) over the RFC's 512 bytes. Blank lines are skipped.
 */
final class IrcLineDecoder extends MessageToMessageDecoder<ByteBuf> {
  /** RFC 1459: 512 bytes with the CR LF; the tags of IRCv3 come on top of that. */
  static final int MAX_MESSAGE_BYTES = 510;
  /** IRCv3 message-tags: the tags part (the '@' and the space included) up to 8191 bytes. */
  static final int MAX_LINE_BYTES = 8191 + MAX_MESSAGE_BYTES;

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(line.nioBuffer())
          .toString();
    } catch (CharacterCodingException e) {
      out.add(new Decoded.Rejected(ErrorCode.BAD_REQUEST, "the line is not valid UTF-8; it was ignored", null));
      return;
    }
    if (text.isBlank()) {
      return;
    }
    int tagsEnd = text.startsWith("@") ? text.indexOf(' ') + 1 : 0;
    int messageBytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text, tagsEnd, text.length())).remaining();
    if (messageBytes > MAX_MESSAGE_BYTES) {
      out.add(new Decoded.Rejected(ErrorCode.TOO_LARGE, "Input line was too long", null));
      return;
    }
    IrcMessage message = IrcMessage.parse(text);
    if (message != null) {
      out.add(message);
    }
  }
}
