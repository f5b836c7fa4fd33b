// Package faults starts what fault tests break: a PostgreSQL primary and
// standby, a Redis Sentinel set and Cluster, HAProxy in front of API
// replicas, Firebreak's own processes, and a TCP relay to PostgreSQL a
// test can cut — each on loopback ports of the test's own, stopped by its
// process id.
package faults
