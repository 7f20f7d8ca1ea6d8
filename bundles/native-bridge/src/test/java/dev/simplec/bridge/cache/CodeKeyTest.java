package dev.simplec.bridge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.simplec.api.types.TypeInfo;

class CodeKeyTest {
    private static final String TEXT = "fn double<T: Num>(x: T) -> T { x + x }\n// 17\n";

    private static CodeKey key(String source) {
        return new CodeKey(source, List.of(TypeInfo.integer(64, true)), "x86_64", "1.0.0", 7);
    }

    @Test
    void equalKeysHashAlike() {
        CodeKey a = key(TEXT);
        CodeKey b = key(new String(TEXT.toCharArray()));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void everyCharacterOfTheTextCounts() {
        // One character changed at each position: in an eight-byte step and in the tail after the last.
        Set<Integer> hashes = new HashSet<>();
        hashes.add(CodeKey.textHash(TEXT));
        for (int i = 0; i < TEXT.length(); i++) {
            char[] c = TEXT.toCharArray();
            c[i] = c[i] == 'z' ? 'y' : 'z';
            hashes.add(CodeKey.textHash(new String(c)));
        }
        assertEquals(TEXT.length() + 1, hashes.size());
    }

    @Test
    void lengthCounts() {
        assertNotEquals(CodeKey.textHash(""), CodeKey.textHash("\0"));
        assertNotEquals(CodeKey.textHash("\0"), CodeKey.textHash("\0\0"));
        assertNotEquals(CodeKey.textHash("\0".repeat(8)), CodeKey.textHash("\0".repeat(16)));
    }

    @Test
    void textsBeyondLatin1HashAlikeButDiffer() {
        // Both become "x = '?'" as Latin-1 bytes: one hash, two keys.
        CodeKey a = key("x = 'λ'");
        CodeKey b = key("x = 'μ'");
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, b);
    }

    @Test
    void everyPartOfTheKeyCounts() {
        CodeKey k = key(TEXT);
        assertNotEquals(k, new CodeKey(TEXT, List.of(TypeInfo.integer(32, true)), "x86_64", "1.0.0", 7));
        assertNotEquals(k, new CodeKey(TEXT, List.of(TypeInfo.integer(64, true)), "aarch64", "1.0.0", 7));
        assertNotEquals(k, new CodeKey(TEXT, List.of(TypeInfo.integer(64, true)), "x86_64", "1.0.1", 7));
        assertNotEquals(k, new CodeKey(TEXT, List.of(TypeInfo.integer(64, true)), "x86_64", "1.0.0", 8));
    }
}
