/**
 * One bench run: the CPU pinning, the child servers (Parley, the floor, a cluster's nodes and
 * their database of their own) and their memory, the open-file limit, and the reports (a table
 * on standard output, JSON in a file).
 */
package dev.parley.bench.run;
