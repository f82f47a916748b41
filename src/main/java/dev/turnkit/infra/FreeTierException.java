package dev.turnkit.infra;

import java.util.stream.Collectors;

/** The stack goes beyond the Always Free allowance and {@code turnkit:allowPaid} is not true. Nothing is created. */
public final class FreeTierException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FreeTierLimits.Verdict verdict;

    public FreeTierException(FreeTierLimits.Verdict verdict) {
        super(verdict.violations().stream().map(FreeTierLimits.Violation::message)
                .collect(Collectors.joining("; ")));
        this.verdict = verdict;
    }

    public FreeTierLimits.Verdict verdict() {
        return verdict;
    }
}
