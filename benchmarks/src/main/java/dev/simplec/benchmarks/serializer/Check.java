package dev.simplec.benchmarks.serializer;

import java.util.Objects;

/** Setup checks: a benchmark whose two sides do not do the same work must not run. */
final class Check {
    private Check() {
    }

    static void same(Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalStateException("expected " + expected + ", got " + actual);
        }
    }
}
