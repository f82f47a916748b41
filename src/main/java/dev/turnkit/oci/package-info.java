/**
 * Oracle Cloud account checks with the OCI Java SDK, the only package that uses it: the API-key config and its
 * validation before any request ({@link dev.turnkit.oci.OciProfile}), live limits and usage against what a stack
 * needs ({@link dev.turnkit.oci.LiveLimits}), compute capacity per availability domain
 * ({@link dev.turnkit.oci.CapacityPlanner}) and the month's outbound bytes of a VNIC
 * ({@link dev.turnkit.oci.Egress}). Read-only: nothing here creates or changes a cloud resource.
 * docs/oci.md lists the requests and the IAM policies they need.
 */
package dev.turnkit.oci;
