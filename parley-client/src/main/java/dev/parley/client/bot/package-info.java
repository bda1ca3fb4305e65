/**
 * Bots on the client library: {@link dev.parley.client.bot.Bot} answers messages of its rooms
 * with a handler from a message to an optional reply, plus {@code !name args} commands. It
 * answers each message exactly once across crashes of the bot and the server (a reply's ref is
 * derived from the message, and a small state file says how far it got), and never answers
 * itself or another bot. See {@code docs/bots.md}.
 */
package dev.parley.client.bot;
