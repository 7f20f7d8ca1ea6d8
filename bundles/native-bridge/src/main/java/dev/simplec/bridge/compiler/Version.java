package dev.simplec.bridge.compiler;

import org.eclipse.jdt.annotation.Nullable;

/** {@code major.minor.micro} of a backend, compared numerically; anything unparsable is 0.0.0. */
record Version(int major, int minor, int micro) implements Comparable<Version> {
    static Version parse(String s) {
        String[] parts = s.split("\\.", 4);
        int[] n = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            try {
                n[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return new Version(0, 0, 0);
            }
        }
        return new Version(n[0], n[1], n[2]);
    }

    @Override
    public int compareTo(@Nullable Version o) {
        if (o == null) {
            return 1;
        }
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
