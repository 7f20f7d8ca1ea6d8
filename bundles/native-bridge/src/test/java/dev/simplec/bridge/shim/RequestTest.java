package dev.simplec.bridge.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

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
}
