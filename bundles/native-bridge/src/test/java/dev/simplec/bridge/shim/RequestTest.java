package dev.simplec.bridge.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.simplec.api.SimplecException;

class RequestTest {
    @Test
    void decodesUtf8() {
        assertEquals("fn π() {}", Request.utf8("fn π() {}".getBytes(StandardCharsets.UTF_8), "template"));
    }

    @Test
    void malformedUtf8NamesTheByte() {
        byte[] bytes = {'f', 'n', ' ', (byte) 0xff, 'x'};
        assertEquals("template: invalid UTF-8 at byte 3",
                assertThrows(SimplecException.class, () -> Request.utf8(bytes, "template")).getMessage());
        byte[] truncated = {'a', (byte) 0xe2, (byte) 0x82};
        assertEquals("types_json: invalid UTF-8 at byte 1",
                assertThrows(SimplecException.class, () -> Request.utf8(truncated, "types_json")).getMessage());
    }

    @Test
    void aReplacementCharacterTheInputSpellsIsText() {
        // U+FFFD spelled in the input (EF BF BD) is valid UTF-8, not a sign of a bad byte.
        assertEquals("x\uFFFDy", Request.utf8(new byte[] {'x', (byte) 0xef, (byte) 0xbf, (byte) 0xbd, 'y'}, "template"));
    }

    @Test
    void surrogatesAndOverlongFormsAreMalformed() {
        byte[] surrogate = {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        assertEquals("template: invalid UTF-8 at byte 1",
                assertThrows(SimplecException.class, () -> Request.utf8(surrogate, "template")).getMessage());
        byte[] overlong = {(byte) 0xc0, (byte) 0xaf};
        assertEquals("template: invalid UTF-8 at byte 0",
                assertThrows(SimplecException.class, () -> Request.utf8(overlong, "template")).getMessage());
    }

    /** The fast path answers as the strict decoder does: the same text, or an error for the same input. */
    @Test
    void agreesWithTheStrictDecoderOnValidAndDamagedText() {
        Random random = new Random(20261130);
        int errors = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> 0x20 + random.nextInt(0x5f);
                    case 1 -> 0x80 + random.nextInt(0x780);
                    case 2 -> random.nextBoolean() ? 0xfffd : 0x800 + random.nextInt(0xd000);
                    default -> 0x10000 + random.nextInt(0xfffff);
                };
                text.appendCodePoint(cp);
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0 && random.nextInt(3) == 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            String strict;
            try {
                strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                strict = null;
            }
            if (strict == null) {
                errors++;
                assertThrows(SimplecException.class, () -> Request.utf8(bytes, "template"));
            } else {
                assertEquals(strict, Request.utf8(bytes, "template"));
            }
        }
        // Both kinds were met often.
        assertTrue(errors > 1000 && errors < 19_000, errors + " of 20,000 malformed");
    }
}
