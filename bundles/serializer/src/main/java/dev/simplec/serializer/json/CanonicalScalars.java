package dev.simplec.serializer.json;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.SimpleTypes;

/**
 * Recognizes input that is exactly the canonical text of scalar types (the ten texts the writer
 * produces for int, float, bool and string), or an array of nothing but those, by comparing
 * with the constants. That is most of what callers send, and answering it without creating a
 * parser is several times faster. Anything else, including the same types with a space or in
 * another field order, returns null and goes to Jackson; both give the same values.
 */
final class CanonicalScalars {
    private static final String[] TEXTS;
    private static final TypeInfo[] TYPES;

    static {
        List<TypeInfo> types = new ArrayList<>();
        for (int bits = 8; bits <= 64; bits *= 2) {
            types.add(SimpleTypes.integer(bits, true));
            types.add(SimpleTypes.integer(bits, false));
        }
        types.add(SimpleTypes.floating(32));
        types.add(SimpleTypes.floating(64));
        types.add(TypeInfo.bool());
        types.add(TypeInfo.string());
        TYPES = types.toArray(new TypeInfo[0]);
        TEXTS = new String[TYPES.length];
        for (int i = 0; i < TYPES.length; i++) {
            TEXTS[i] = JsonTypeWriter.write(TYPES[i]);
        }
    }

    private CanonicalScalars() {
    }

    /** The scalar whose canonical text is exactly {@code json}, or null. */
    static @Nullable TypeInfo type(String json) {
        int i = at(json, 0);
        return i >= 0 && TEXTS[i].length() == json.length() ? TYPES[i] : null;
    }

    /** The scalars of {@code json} when it is {@code [} canonical scalars separated by {@code ,} {@code ]}, or null. */
    static @Nullable List<TypeInfo> types(String json) {
        int n = json.length();
        // Over the size bound, Jackson's path reports it.
        if (n < 2 || n > Limits.MAX_JSON_CHARS || json.charAt(0) != '[' || json.charAt(n - 1) != ']') {
            return null;
        }
        if (n == 2) {
            return List.of();
        }
        List<TypeInfo> out = new ArrayList<>(4);
        int pos = 1;
        while (true) {
            int i = at(json, pos);
            if (i < 0) {
                return null;
            }
            out.add(TYPES[i]);
            pos += TEXTS[i].length();
            char c = json.charAt(pos);
            if (c == ']') {
                return pos == n - 1 ? out : null;
            }
            if (c != ',') {
                return null;
            }
            pos++;
        }
    }

    /** The scalar of index {@code i}, as {@link #at} answers it. */
    static TypeInfo scalar(int i) {
        return TYPES[i];
    }

    /** Length of the canonical text of index {@code i}. */
    static int length(int i) {
        return TEXTS[i].length();
    }

    /**
     * Index of the canonical text that starts at {@code pos} and is followed by more input (or
     * is the whole input), or -1. A few characters pick the one candidate; the comparison with
     * it decides. {@link CanonicalTypes} uses it for the scalars inside composite types.
     */
    static int at(String json, int pos) {
        int candidate = switch (charAt(json, pos + 9)) {
            case 'i' -> {
                // {"kind":"int","bits":N,"signed":B}: index = width code * 2 + (unsigned ? 1 : 0)
                int code = switch (charAt(json, pos + 21)) {
                    case '8' -> 0;
                    case '1' -> 1;
                    case '3' -> 2;
                    case '6' -> 3;
                    default -> -1;
                };
                int signedAt = pos + 21 + (code == 0 ? 1 : 2) + 10;
                yield code < 0 ? -1 : code * 2 + (charAt(json, signedAt) == 't' ? 0 : 1);
            }
            case 'f' -> charAt(json, pos + 23) == '3' ? 8 : 9;
            case 'b' -> 10;
            case 's' -> 11;
            default -> -1;
        };
        if (candidate < 0) {
            return -1;
        }
        String text = TEXTS[candidate];
        boolean fits = pos == 0 || pos + text.length() < json.length();
        return fits && json.startsWith(text, pos) ? candidate : -1;
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }
}
