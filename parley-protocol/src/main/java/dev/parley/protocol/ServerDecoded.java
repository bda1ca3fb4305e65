package dev.parley.protocol;

/**
 * What decoding one server frame gives a client: the frame, a frame of a type this client does
 * not know (the contract lets servers add types, so it is skipped), or input that is not a
 * frame at all.
 */
public sealed interface ServerDecoded {

  record Frame(ServerFrame frame) implements ServerDecoded {}

  record Unknown(String type) implements ServerDecoded {}

  record Malformed(String problem) implements ServerDecoded {}
}
