/**
 * The desktop chat client behind {@code ./parley desktop}: how it starts (theme, scale, login),
 * the settings it keeps, and its connection to the server, which is the client library's
 * {@code ParleyClient} only. Swing lives in {@code dev.parley.desktop.ui}; what the window shows
 * in {@code dev.parley.desktop.model}. Threads: Swing's event thread owns every model and
 * component; the library's callback thread only hands events over to it.
 */
package dev.parley.desktop;
