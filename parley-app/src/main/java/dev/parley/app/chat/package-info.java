/**
 * {@code parley chat}: the terminal client, built only on the public API of {@code
 * dev.parley.client}. On a terminal it is interactive (JLine: messages print above a prompt that
 * stays at the bottom, slash commands, a colour per user, the connection state shown); when
 * standard input or output is not a terminal it is a pipe tool (each input line is sent, each
 * message printed as one {@code [room] user: text} line).
 */
package dev.parley.app.chat;
