package dev.simplec.api.ir;

import java.util.Map;
import java.util.TreeMap;

/**
 * The memory {@link IrInterpreter} runs against: separate regions (the caller's arrays, text and
 * structs, and stack slots), each at its own address with a gap after it, so an access outside
 * every region is detected ({@link Fault}) instead of silently reading a neighbour.
 */
public final class IrMemory {
    /** An access to memory no region covers: a defect of the IR (lowering must check bounds first). */
    public static final class Fault extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        Fault(String message) {
            super(message);
        }
    }

    private static final long BASE = 0x1_0000L;
    private static final long GAP = 4096;

    private final TreeMap<Long, byte[]> regions = new TreeMap<>();
    private long next = BASE;

    /** A new zeroed region of {@code size} bytes aligned to {@code align}; returns its address. */
    public long allocate(int size, int align) {
        long a = (next + align - 1) & -(long) align;
        regions.put(a, new byte[size]);
        next = a + size + GAP;
        return a;
    }

    /** A region holding a copy of {@code bytes} (aligned to 32); returns its address. */
    public long place(byte[] bytes) {
        long a = allocate(bytes.length, 32);
        System.arraycopy(bytes, 0, regions.get(a), 0, bytes.length);
        return a;
    }

    /** Removes the region starting at {@code address}. */
    public void release(long address) {
        regions.remove(address);
    }

    /** A copy of {@code length} bytes at {@code address}. */
    public byte[] read(long address, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) loadBits(address + i, 1);
        }
        return out;
    }

    /** Little-endian load of {@code bytes} bytes (1, 2, 4 or 8), zero-extended. */
    public long loadBits(long address, int bytes) {
        byte[] r = region(address, bytes);
        int off = (int) (address - regions.floorKey(address));
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = (v << 8) | (r[off + i] & 0xff);
        }
        return v;
    }

    /** Little-endian store of the low {@code bytes} bytes of {@code bits}. */
    public void storeBits(long address, int bytes, long bits) {
        byte[] r = region(address, bytes);
        int off = (int) (address - regions.floorKey(address));
        for (int i = 0; i < bytes; i++) {
            r[off + i] = (byte) (bits >>> (8 * i));
        }
    }

    private byte[] region(long address, int bytes) {
        Map.Entry<Long, byte[]> e = regions.floorEntry(address);
        if (e == null || address + bytes > e.getKey() + e.getValue().length) {
            throw new Fault("access of " + bytes + " bytes at 0x" + Long.toHexString(address) + " is outside every region");
        }
        return e.getValue();
    }
}
