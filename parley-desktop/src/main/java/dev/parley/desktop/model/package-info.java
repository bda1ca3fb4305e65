/**
 * What the desktop window shows, as plain objects without Swing: a room's conversation (each
 * message once, in id order, grouped by author), the room list with unread counts, and a room's
 * members with their presence. Owned by the Swing event thread once the window is up; tested
 * without a display.
 */
package dev.parley.desktop.model;
