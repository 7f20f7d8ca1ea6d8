package dev.simplec.serializer.rules;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/** Builds the one failure every reader reports: {@code INVALID_INPUT} with "where: what". */
public final class Invalid {
    private Invalid() {
    }

    /** {@code where} is a JSON path ({@code $[0].bits}) or a byte offset ({@code byte 3}). */
    public static SimplecException at(String where, String what) {
        return new SimplecException(ErrorKind.INVALID_INPUT, where + ": " + what);
    }
}
