/**
 * The Parley wire protocol as types: client and server frames, error codes, bye reasons,
 * the rules for names and text, and the JSON codec in both directions ({@link
 * dev.parley.protocol.FrameCodec} for the server, {@link dev.parley.protocol.ClientFrameEncoder}
 * and {@link dev.parley.protocol.ServerFrameDecoder} for clients). Nothing here does I/O or
 * knows which transport carried a frame.
 */
package dev.parley.protocol;
