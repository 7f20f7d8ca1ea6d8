package dev.simplec.serializer.json;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.TypeRules;

/**
 * Reads input that is exactly what the writer produces, of any kind and nesting, without creating
 * a parser: a hand-written scan of the canonical grammar (fields in canonical order, no
 * whitespace, names without escapes). It answers only valid types, and null for anything else —
 * any other spacing, order or escaping, an invalid value, input over the size or nesting bound —
 * which then goes to Jackson, so leniency and every error message stay Jackson's path's own.
 * Both paths give equal values for what this one accepts.
 */
final class CanonicalTypes {
    private static final String OPEN = "{\"kind\":\"";
    private static final String ARGS = ",\"args\":[";
    private static final String ELEM = ",\"elem\":";

    private final String s;
    private int pos;

    private CanonicalTypes(String s) {
        this.s = s;
    }

    /** The type whose canonical text is exactly {@code json}, or null. */
    static @Nullable TypeInfo type(String json) {
        if (json.length() > Limits.MAX_JSON_CHARS) {
            return null;
        }
        CanonicalTypes c = new CanonicalTypes(json);
        TypeInfo t = c.type(1);
        return t != null && c.pos == json.length() ? t : null;
    }

    /** The types of {@code json} when it is {@code [} canonical types separated by {@code ,} {@code ]}, or null. */
    static @Nullable List<TypeInfo> types(String json) {
        int n = json.length();
        if (n < 2 || n > Limits.MAX_JSON_CHARS || json.charAt(0) != '[') {
            return null;
        }
        if (n == 2) {
            return json.charAt(1) == ']' ? new ArrayList<>(0) : null;
        }
        CanonicalTypes c = new CanonicalTypes(json);
        c.pos = 1;
        List<TypeInfo> out = new ArrayList<>(4);
        while (true) {
            TypeInfo t = c.type(1);
            if (t == null) {
                return null;
            }
            out.add(t);
            char next = c.charAt(c.pos++);
            if (next == ']') {
                return c.pos == n ? out : null;
            }
            if (next != ',') {
                return null;
            }
        }
    }

    /** The type that starts at {@code pos}, at nesting level {@code depth}; on success pos is after its {@code }}. */
    private @Nullable TypeInfo type(int depth) {
        if (depth > Limits.MAX_TYPE_DEPTH || !s.startsWith(OPEN, pos)) {
            return null;
        }
        int k = pos + OPEN.length();
        switch (charAt(k)) {
            case 'n':
                return named(k, depth);
            case 'g':
                return generic(k);
            case 'a':
                return array(k, depth);
            case 't':
                return tuple(k, depth);
            case 's':
                if (s.startsWith("simd\",\"lanes\":", k)) {
                    return simd(k + 14, depth);
                }
                break;
            case 'f':
                if (s.startsWith("function\"", k)) {
                    return function(k + 9, depth);
                }
                break;
            default:
                break;
        }
        int i = CanonicalScalars.at(s, pos);
        if (i < 0) {
            return null;
        }
        pos += CanonicalScalars.length(i);
        return CanonicalScalars.scalar(i);
    }

    private @Nullable TypeInfo named(int k, int depth) {
        if (!s.startsWith("named\",\"name\":\"", k)) {
            return null;
        }
        pos = k + 15;
        String name = name();
        if (name == null) {
            return null;
        }
        List<TypeInfo> args = List.of();
        if (s.startsWith(ARGS, pos)) {
            pos += ARGS.length();
            args = list(depth + 1);
            if (args == null) {
                return null;
            }
        }
        return close() ? TypeInfo.named(name, args) : null;
    }

    private @Nullable TypeInfo generic(int k) {
        if (!s.startsWith("generic\",\"name\":\"", k)) {
            return null;
        }
        pos = k + 17;
        String name = name();
        return name != null && close() ? TypeInfo.generic(name) : null;
    }

    private @Nullable TypeInfo array(int k, int depth) {
        if (!s.startsWith("array\",\"elem\":", k)) {
            return null;
        }
        pos = k + 14;
        TypeInfo elem = type(depth + 1);
        return elem != null && close() ? TypeInfo.array(elem) : null;
    }

    private @Nullable TypeInfo tuple(int k, int depth) {
        if (!s.startsWith("tuple\"", k)) {
            return null;
        }
        pos = k + 6;
        List<TypeInfo> args = List.of();
        if (s.startsWith(ARGS, pos)) {
            pos += ARGS.length();
            args = list(depth + 1);
            if (args == null) {
                return null;
            }
        }
        return close() ? TypeInfo.tuple(args) : null;
    }

    /** {@code at} is just after {@code "lanes":}. */
    private @Nullable TypeInfo simd(int at, int depth) {
        // Valid lane counts are 1 to 32 (256 bits of 8-bit elements): one or two digits, no leading zero.
        int lanes = digit(at);
        if (lanes <= 0) {
            return null;
        }
        pos = at + 1;
        int second = digit(pos);
        if (second >= 0) {
            lanes = lanes * 10 + second;
            pos++;
        }
        if (!s.startsWith(ELEM, pos) || TypeRules.lanesProblem(lanes) != null) {
            return null;
        }
        pos += ELEM.length();
        TypeInfo elem = type(depth + 1);
        if (elem == null || TypeRules.simdElemProblem(elem) != null || TypeRules.simdSizeProblem(lanes, elem) != null) {
            return null;
        }
        return close() ? TypeInfo.simd(lanes, elem) : null;
    }

    /** {@code at} is just after {@code "function"}. */
    private @Nullable TypeInfo function(int at, int depth) {
        pos = at;
        List<TypeInfo> params = List.of();
        if (s.startsWith(ARGS, pos)) {
            pos += ARGS.length();
            params = list(depth + 1);
            if (params == null) {
                return null;
            }
        }
        if (!s.startsWith(ELEM, pos)) {
            return null;
        }
        pos += ELEM.length();
        TypeInfo ret = type(depth + 1);
        return ret != null && close() ? TypeInfo.function(params, ret) : null;
    }

    /**
     * The non-empty list of types after {@code [}, through its {@code ]}. Immutable lists of one
     * or two, so that TypeInfo keeps them without copying.
     */
    private @Nullable List<TypeInfo> list(int depth) {
        TypeInfo first = type(depth);
        if (first == null) {
            return null;
        }
        char c = charAt(pos++);
        if (c == ']') {
            return List.of(first);
        }
        if (c != ',') {
            return null;
        }
        TypeInfo second = type(depth);
        if (second == null) {
            return null;
        }
        c = charAt(pos++);
        if (c == ']') {
            return List.of(first, second);
        }
        List<TypeInfo> out = new ArrayList<>(4);
        out.add(first);
        out.add(second);
        while (c == ',') {
            TypeInfo t = type(depth);
            if (t == null) {
                return null;
            }
            out.add(t);
            c = charAt(pos++);
        }
        return c == ']' ? out : null;
    }

    /**
     * A name after its opening quote, through the closing one. Only what the writer leaves
     * unescaped is taken here; an escape, a control character or an invalid name goes to Jackson.
     */
    private @Nullable String name() {
        int start = pos;
        int n = s.length();
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                String name = s.substring(start, i);
                if (TypeRules.nameProblem(name) != null) {
                    return null;
                }
                pos = i + 1;
                return name;
            }
            if (c == '\\' || c < 0x20) {
                return null;
            }
        }
        return null;
    }

    private boolean close() {
        if (charAt(pos) != '}') {
            return false;
        }
        pos++;
        return true;
    }

    private int digit(int i) {
        char c = charAt(i);
        return c >= '0' && c <= '9' ? c - '0' : -1;
    }

    private char charAt(int i) {
        return i < s.length() ? s.charAt(i) : 0;
    }
}
