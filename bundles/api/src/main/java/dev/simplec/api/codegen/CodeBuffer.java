package dev.simplec.api.codegen;

import java.util.Arrays;

import org.eclipse.jdt.annotation.Nullable;

/**
 * A growable little-endian byte buffer with label fixups: the common ground of every assembler.
 * A fixup records where a branch's displacement goes and how to encode it; {@link #finish}
 * patches them all.
 */
public final class CodeBuffer {
    /** Encodes a branch displacement into the buffer at {@code at}, given the target's offset. */
    @FunctionalInterface
    public interface Patcher {
        void patch(CodeBuffer buf, int at, int target);
    }

    private byte[] bytes;
    private int size;
    // Fixups as parallel arrays: a function has a branch every few instructions, no record each.
    private int[] fixupAt = new int[16];
    private @Nullable Label[] fixupLabel = new @Nullable Label[16];
    private @Nullable Patcher[] fixupPatcher = new @Nullable Patcher[16];
    private int fixups;

    public CodeBuffer() {
        this(256);
    }

    /** A buffer with room for {@code capacity} bytes before it grows (an estimate: fewer copies as it fills). */
    public CodeBuffer(int capacity) {
        bytes = new byte[Math.min(CodeLimits.MAX_CODE_BYTES, Math.max(16, capacity))];
    }

    public int size() {
        return size;
    }

    public void put8(int b) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) b;
    }

    /** {@code data} as it is, in one copy (constants, messages). */
    public void putBytes(byte[] data) {
        if (size + data.length > bytes.length) {
            grow(data.length);
        }
        System.arraycopy(data, 0, bytes, size, data.length);
        size += data.length;
    }

    public void put32(int v) {
        if (size + 4 > bytes.length) {
            grow(4);
        }
        bytes[size] = (byte) v;
        bytes[size + 1] = (byte) (v >>> 8);
        bytes[size + 2] = (byte) (v >>> 16);
        bytes[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    /**
     * Room for {@code n} more bytes. The buffer never holds more than {@link CodeLimits#MAX_CODE_BYTES}
     * (the capacity is capped there), so every write past the limit comes here and fails.
     */
    private void grow(int n) {
        if (size + n > CodeLimits.MAX_CODE_BYTES) {
            throw CodeLimits.codeTooLarge();
        }
        bytes = Arrays.copyOf(bytes, Math.min(CodeLimits.MAX_CODE_BYTES, Math.max(2 * bytes.length, size + n)));
    }

    public void put64(long v) {
        put32((int) v);
        put32((int) (v >>> 32));
    }

    public int get32(int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16 | (bytes[at + 3] & 0xff) << 24;
    }

    public void set32(int at, int v) {
        bytes[at] = (byte) v;
        bytes[at + 1] = (byte) (v >>> 8);
        bytes[at + 2] = (byte) (v >>> 16);
        bytes[at + 3] = (byte) (v >>> 24);
    }

    /** Binds {@code label} to the current end of the code. */
    public void bind(Label label) {
        label.bind(size);
    }

    public void addFixup(int at, Label label, Patcher patcher) {
        if (fixups == fixupAt.length) {
            fixupAt = Arrays.copyOf(fixupAt, 2 * fixups);
            fixupLabel = Arrays.copyOf(fixupLabel, 2 * fixups);
            fixupPatcher = Arrays.copyOf(fixupPatcher, 2 * fixups);
        }
        fixupAt[fixups] = at;
        fixupLabel[fixups] = label;
        fixupPatcher[fixups++] = patcher;
    }

    /** Resolves every fixup and returns the code. */
    public byte[] finish() {
        for (int i = 0; i < fixups; i++) {
            Label label = fixupLabel[i];
            Patcher patcher = fixupPatcher[i];
            if (label == null || patcher == null || !label.isBound()) {
                throw new IllegalStateException("branch at " + fixupAt[i] + " to a label that was never bound");
            }
            patcher.patch(this, fixupAt[i], label.offset());
        }
        fixups = 0;
        return Arrays.copyOf(bytes, size);
    }
}
