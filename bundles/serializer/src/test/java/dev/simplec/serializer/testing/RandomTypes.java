package dev.simplec.serializer.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Limits;

/** Valid TypeInfos of every kind, nested, with names that need escaping; reproducible from the seed. */
public final class RandomTypes {
    private static final String[] NAMES = {
        "T", "U", "Vec", "HashMap", "a_b9", "x", "\u00e9t\u00e9", "\u4e2d\u6587", "\ud83d\ude00", "q\"uote",
        "back\\slash", "new\nline", "tab\t", "\u0000nul", "\u001f", "\u2028", "/", "sp ace", "{\"kind\":\"int\"}",
    };

    private final Random random;

    public RandomTypes(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A type at most {@code maxDepth} levels deep (at most {@link Limits#MAX_TYPE_DEPTH}). */
    public TypeInfo next(int maxDepth) {
        return type(Math.min(maxDepth, Limits.MAX_TYPE_DEPTH));
    }

    /** Mostly small, now and then as deep as the bound allows. */
    public TypeInfo next() {
        return random.nextInt(200) == 0 ? deep() : next(1 + random.nextInt(6));
    }

    private TypeInfo deep() {
        TypeInfo t = scalar();
        for (int level = 1; level < Limits.MAX_TYPE_DEPTH; level++) {
            t = switch (random.nextInt(4)) {
                case 0 -> TypeInfo.array(t);
                case 1 -> TypeInfo.tuple(List.of(t));
                case 2 -> TypeInfo.named(name(), List.of(t));
                default -> TypeInfo.function(List.of(), t);
            };
        }
        return t;
    }

    private TypeInfo type(int depth) {
        int kinds = depth <= 1 ? 6 : 10;
        return switch (random.nextInt(kinds)) {
            case 0, 1 -> scalar();
            case 2 -> TypeInfo.generic(name());
            case 3 -> TypeInfo.named(name(), List.of());
            case 4 -> simd();
            case 5 -> TypeInfo.bool();
            case 6 -> TypeInfo.named(name(), list(depth - 1));
            case 7 -> TypeInfo.array(type(depth - 1));
            case 8 -> TypeInfo.tuple(list(depth - 1));
            default -> TypeInfo.function(list(depth - 1), type(depth - 1));
        };
    }

    private List<TypeInfo> list(int depth) {
        int n = random.nextInt(4);
        List<TypeInfo> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(type(depth));
        }
        return out;
    }

    public TypeInfo scalar() {
        return switch (random.nextInt(4)) {
            case 0 -> TypeInfo.integer(8 << random.nextInt(4), random.nextBoolean());
            case 1 -> TypeInfo.floating(random.nextBoolean() ? 32 : 64);
            case 2 -> TypeInfo.bool();
            default -> TypeInfo.string();
        };
    }

    private TypeInfo simd() {
        boolean isFloat = random.nextBoolean();
        int bits = isFloat ? 32 << random.nextInt(2) : 8 << random.nextInt(4);
        int total = 64 << random.nextInt(3);
        TypeInfo elem = isFloat ? TypeInfo.floating(bits) : TypeInfo.integer(bits, random.nextBoolean());
        return TypeInfo.simd(total / bits, elem);
    }

    public String name() {
        if (random.nextInt(8) > 0) {
            return NAMES[random.nextInt(NAMES.length)];
        }
        // Any code points but lone surrogates, 1 to 12 of them.
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            int cp;
            do {
                cp = random.nextInt(4) == 0 ? random.nextInt(0x110000) : random.nextInt(0x80);
            } while (cp >= 0xd800 && cp <= 0xdfff);
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
