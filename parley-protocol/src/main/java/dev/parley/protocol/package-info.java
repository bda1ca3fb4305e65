/**
 * The Parley wire protocol as types: client and server frames, error codes, bye reasons,
 * the rules for names and text, and the JSON codec. Nothing here does I/O or knows which
 * transport carried a frame.
 */
package dev.parley.protocol;
