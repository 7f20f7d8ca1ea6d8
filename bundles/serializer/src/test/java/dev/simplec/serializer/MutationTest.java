package dev.simplec.serializer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.simplec.api.ErrorKind;
import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.binary.BinaryTypeCodec;
import dev.simplec.serializer.json.JsonHintReader;
import dev.simplec.serializer.json.JsonTemplateReader;
import dev.simplec.serializer.json.JsonTypeReader;
import dev.simplec.serializer.json.JsonTypeWriter;
import dev.simplec.serializer.testing.RandomTypes;

/**
 * Random damage to valid inputs: whatever comes out is either a value or an INVALID_INPUT
 * SimplecException located by path or offset; nothing else ever escapes.
 */
class MutationTest {
    private static final int ROUNDS = 10_000;
    private static final String JSON_CHARS = "{}[]\":,0123456789-+.eE \n\ttruefalsnul\\/uabcdkindbitsignelm\u00e9\ud800\udc00\u0000";

    @Test
    void damagedJsonFailsOnlyWithInvalidInput() {
        RandomTypes gen = new RandomTypes(99L);
        Random r = gen.random();
        int failures = 0;
        for (int i = 0; i < ROUNDS; i++) {
            TypeInfo t = gen.next(4);
            String ty = JsonTypeWriter.write(t);
            String hints = "[{\"source\":\"call_site\",\"param_index\":" + r.nextInt(3) + ",\"ty\":" + ty + "},"
                    + "{\"source\":\"return\",\"ty\":" + ty + "}]";
            String template = "{\"name\":\"f\",\"params\":[{\"name\":\"T\",\"bounds\":[\"Num\"]}],"
                    + "\"signature\":{\"params\":[" + ty + "],\"ret\":{\"kind\":\"generic\",\"name\":\"T\"}},\"source\":\"x\"}";
            failures += jsonCase(mutate(r, ty), JsonTypeReader::readType);
            failures += jsonCase(mutate(r, "[" + ty + "," + ty + "]"), JsonTypeReader::readTypes);
            failures += jsonCase(mutate(r, hints), JsonHintReader::readHints);
            failures += jsonCase(mutate(r, template), JsonTemplateReader::readTemplate);
        }
        // Most damage is caught; some leaves valid JSON (a digit for a digit), which must then read.
        assertTrue(failures > ROUNDS * 2 && failures < ROUNDS * 4, "failures: " + failures);
    }

    private static int jsonCase(String input, Function<String, ?> reader) {
        try {
            reader.apply(input);
            return 0;
        } catch (SimplecException e) {
            assertEquals(ErrorKind.INVALID_INPUT, e.kind(), input);
            assertTrue(String.valueOf(e.getMessage()).startsWith("$"), () -> e.getMessage() + " for " + input);
            return 1;
        } catch (Throwable e) {
            return fail("not a SimplecException for " + input, e);
        }
    }

    private static String mutate(Random r, String s) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = r.nextInt(sb.length());
            char c = JSON_CHARS.charAt(r.nextInt(JSON_CHARS.length()));
            switch (r.nextInt(5)) {
                case 0 -> sb.setCharAt(at, c);
                case 1 -> sb.deleteCharAt(at);
                case 2 -> sb.insert(at, c);
                case 3 -> sb.setLength(at);
                default -> {
                    int end = Math.min(sb.length(), at + 1 + r.nextInt(20));
                    sb.insert(r.nextInt(sb.length() + 1), sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    @Test
    void damagedBytesFailOnlyWithInvalidInput() {
        RandomTypes gen = new RandomTypes(1234L);
        Random r = gen.random();
        int failures = 0;
        for (int i = 0; i < 4 * ROUNDS; i++) {
            byte[] bytes = mutate(r, BinaryTypeCodec.encode(gen.next(5)));
            try {
                TypeInfo t = BinaryTypeCodec.decode(bytes);
                // Each TypeInfo has one encoding: whatever decodes re-encodes to the same bytes.
                assertArrayEquals(bytes, BinaryTypeCodec.encode(t));
            } catch (SimplecException e) {
                assertEquals(ErrorKind.INVALID_INPUT, e.kind());
                assertTrue(String.valueOf(e.getMessage()).startsWith("byte "), e.getMessage());
                failures++;
            } catch (Throwable e) {
                fail("not a SimplecException for " + List.of(bytes), e);
            }
        }
        assertTrue(failures > ROUNDS, "failures: " + failures);
    }

    private static byte[] mutate(Random r, byte[] in) {
        byte[] b = in;
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[at] = (byte) r.nextInt(256);
                case 2 -> b = java.util.Arrays.copyOf(b, at);
                case 3 -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = (byte) r.nextInt(256);
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                default -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
            }
        }
        return b;
    }
}
