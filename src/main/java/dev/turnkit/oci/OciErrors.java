package dev.turnkit.oci;

import com.oracle.bmc.model.BmcException;

/** One line per failed OCI call: the operation, the service's answer and what to fix. */
final class OciErrors {
    private OciErrors() {
    }

    static OciRequestException of(String operation, BmcException e, int attempts) {
        int status = e.getStatusCode();
        String code = e.getServiceCode() == null ? "" : e.getServiceCode();
        String fix = switch (status) {
            case 401 -> "the service did not accept the signature: upload the public key for this user "
                    + "(My profile → API keys), check user/tenancy/fingerprint in the config, and the clock "
                    + "(more than 5 minutes of skew is refused)";
            case 404, 403 -> "the user lacks an IAM policy for this request, or the OCID is wrong: add the "
                    + "read-only policies of docs/oci.md";
            case 429 -> "throttled after " + attempts + " requests with backoff: wait a few minutes and try again";
            case 400 -> "the request was refused as invalid (" + e.getOriginalMessage() + ")";
            case -1, 0 -> "no answer (" + (e.isTimeout() ? "timeout" : "connection failed") + "): check the "
                    + "network and the region";
            default -> "the service failed; try again later";
        };
        String answer = status <= 0 ? "" : " HTTP " + status + (code.isEmpty() ? "" : " " + code);
        return new OciRequestException(Math.max(status, 0), operation + " failed:" + answer + " — " + fix, e);
    }
}
