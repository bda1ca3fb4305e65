/**
 * {@code parley bot}: the seed's auto-reply bot, written on the client library's bot API
 * ({@link dev.parley.client.bot.Bot}). See {@code docs/bots.md}.
 */
package dev.parley.app.bot;
