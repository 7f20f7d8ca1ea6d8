package dev.simplec.serializer.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;

/** Assertions on the one failure readers report. */
public final class Expect {
    private Expect() {
    }

    /** {@code call} fails with INVALID_INPUT and exactly {@code message}. */
    public static void invalid(String message, Executable call) {
        SimplecException e = assertThrows(SimplecException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    }

    /** {@code call} fails with LIMIT (a documented bound) and exactly {@code message}. */
    public static void limit(String message, Executable call) {
        SimplecException e = assertThrows(SimplecException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(ErrorKind.LIMIT, e.kind());
    }
}
