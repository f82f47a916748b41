/**
 * Prometheus text format for turnkit's results: the node_exporter textfile of {@code turnkit check --prometheus}
 * and the credentials endpoint's {@code /metrics}. The only package that uses the Prometheus Java client.
 */
package dev.turnkit.metrics;
