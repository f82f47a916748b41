/**
 * Hand-bound OCI provider (pulumi-oci 4.20.0) resources and functions: only those the TURN host uses. There is no
 * {@code com.pulumi:oci} artifact here, so each class mirrors the generated SDK by hand (type token in
 * {@code @ResourceType}, wire names in {@code @Import}/{@code @Export}/{@code @CustomType.Setter}); the test
 * {@code OciBindingsSliceTest} holds every name to the provider's schema slice.
 */
package dev.turnkit.infra.oci;
