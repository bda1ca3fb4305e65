package dev.parley.app.chaos;

/**
 * One soak sample of the server process.
 *
 * @param at seconds since the send phase started
 * @param heapAfterGcBytes heap in use right after a forced full GC ({@code jcmd PID GC.run}),
 *     or -1 when it could not be read
 * @param openFiles open file descriptors ({@code process_files_open_files})
 * @param threads live JVM threads
 */
record ServerSample(double at, long heapAfterGcBytes, long openFiles, long threads) {}
