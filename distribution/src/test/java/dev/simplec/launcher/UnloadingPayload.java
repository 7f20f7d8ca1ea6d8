package dev.simplec.launcher;

/** A class that {@link UnloadingTest} copies into a bundle, so that the bundle's loader defines it. */
public class UnloadingPayload {
    @Override
    public String toString() {
        return getClass().getName();
    }
}
