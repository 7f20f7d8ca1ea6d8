package dev.simplec.bridge.shim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Op and enum simplec_op of shim.h name the same operations with the same numbers. */
class OpTest {
    @Test
    void matchesShimH() throws IOException {
        String header = Files.readString(Path.of("src/main/c/shim.h"));
        Matcher m = Pattern.compile("SIMPLEC_OP_(\\w+) = (\\d+)").matcher(header);
        Map<String, Integer> inC = new TreeMap<>();
        while (m.find()) {
            inC.put(m.group(1), Integer.valueOf(m.group(2)));
        }
        Map<String, Integer> inJava = new TreeMap<>();
        for (Op op : Op.values()) {
            for (int code = 0; code < 64; code++) {
                if (Op.of(code) == op) {
                    inJava.put(op.name(), code);
                }
            }
        }
        assertEquals(inC, inJava);
        assertEquals(Op.STATS, Op.of(7));
        assertNull(Op.of(0));
        assertNull(Op.of(inC.size() + 1));
    }
}
