/**
 * One bench run: the CPU pinning, the child servers (Parley, the floor) and their memory, the
 * open-file limit, and the reports (a table on standard output, JSON in a file).
 */
package dev.parley.bench.run;
