package dev.simplec.serializer.rules;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/**
 * Builds the failures readers report, with "where: what": {@code INVALID_INPUT} for malformed
 * input, {@code LIMIT} for input past one of the {@link Limits}.
 */
public final class Invalid {
    private Invalid() {
    }

    /** {@code where} is a JSON path ({@code $[0].bits}) or a byte offset ({@code byte 3}). */
    public static SimplecException at(String where, String what) {
        return new SimplecException(ErrorKind.INVALID_INPUT, where + ": " + what);
    }

    /** Input past one of the {@link Limits}: too large, too deep, too many. */
    public static SimplecException limit(String where, String what) {
        return new SimplecException(ErrorKind.LIMIT, where + ": " + what);
    }
}
