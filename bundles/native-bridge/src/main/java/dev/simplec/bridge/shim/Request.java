package dev.simplec.bridge.shim;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import jnr.ffi.Pointer;

/**
 * Reads a {@code simplec_request} (shim.h): the context handle and up to two byte inputs. The
 * offsets are those of the C struct on LP64 targets.
 */
public final class Request {
    private static final int CTX = 0;
    private static final int A = 8;
    private static final int A_LEN = 16;
    private static final int B = 24;
    private static final int B_LEN = 32;

    private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    private final Pointer request;

    public Request(Pointer request) {
        this.request = request;
    }

    public long context() {
        return request.getLong(CTX);
    }

    public boolean hasA() {
        return request.getPointer(A) != null;
    }

    public byte[] a() {
        return bytes(A, A_LEN);
    }

    public byte[] b() {
        return bytes(B, B_LEN);
    }

    /** Input a as text; {@code what} names it in the error for invalid UTF-8. */
    public String aText(String what) {
        return utf8(a(), what);
    }

    public String bText(String what) {
        return utf8(b(), what);
    }

    private byte[] bytes(int ptrOffset, int lenOffset) {
        Pointer p = request.getPointer(ptrOffset);
        long len = request.getLong(lenOffset);
        if (p == null || len == 0) {
            return new byte[0];
        }
        if (len < 0 || len > Integer.MAX_VALUE - 8) {
            throw new SimplecException(ErrorKind.LIMIT, "input of " + Long.toUnsignedString(len) + " bytes is too large");
        }
        byte[] out = new byte[(int) len];
        p.get(0, out, 0, out.length);
        return out;
    }

    /** Strict UTF-8: a malformed byte is an error naming its offset, never a replacement character. */
    static String utf8(byte[] bytes, String what) {
        // The String constructor replaces what is malformed with U+FFFD: without one, the bytes were
        // valid, and it decoded them as the strict decoder would, in a fraction of its time (ASCII
        // is a copy; a Latin-1 string holds no U+FFFD, so the test is free). With one, the strict
        // decoder decides: a U+FFFD the input spelled is text, a replaced byte an error.
        String fast = new String(bytes, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        CharsetDecoder decoder = UTF8.get();
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            decoder.reset();
            ByteBuffer in = ByteBuffer.wrap(bytes);
            decoder.decode(in, java.nio.CharBuffer.allocate(bytes.length + 1), true);
            throw new SimplecException(ErrorKind.INVALID_INPUT, what + ": invalid UTF-8 at byte " + in.position());
        } finally {
            decoder.reset();
        }
    }
}
