package dev.simplec.bridge.shim;

import org.eclipse.jdt.annotation.Nullable;

/** What an upcall asks for; the numbers are {@code enum simplec_op} in shim.h. */
public enum Op {
    OPEN(1),
    CLOSE(2),
    INFER(3),
    CHECK(4),
    INSTANTIATE(5),
    BACKENDS(6),
    STATS(7),
    PING(8);

    private static final Op[] BY_CODE = new Op[9];

    static {
        for (Op op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;

    Op(int code) {
        this.code = code;
    }

    public static @Nullable Op of(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
