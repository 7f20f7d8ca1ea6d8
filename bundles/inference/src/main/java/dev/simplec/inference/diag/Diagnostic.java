package dev.simplec.inference.diag;

import dev.simplec.api.ErrorKind;

/** One problem found in a template: its class, where it is, and what is wrong (without position). */
public record Diagnostic(ErrorKind kind, Span span, String message) {
}
