package dev.simplec.serializer.json;

import java.util.List;
import java.util.Objects;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Invalid;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.SimpleTypes;
import dev.simplec.serializer.rules.TypeRules;
import dev.simplec.serializer.rules.ValuePath;

/**
 * Writes the canonical JSON of SPEC §4 straight into a StringBuilder: fields in the order kind,
 * name, args, bits, signed, lanes, elem; absent and empty fields left out; no spaces. A TypeInfo
 * that reading would reject is rejected here too, with the same message, so everything written
 * reads back to an equal value.
 */
public final class JsonTypeWriter {
    /** Indexed like {@link SimpleTypes}: width code * 2 + (signed ? 1 : 0). */
    private static final String[] INTS = new String[8];
    private static final String F32 = "{\"kind\":\"float\",\"bits\":32}";
    private static final String F64 = "{\"kind\":\"float\",\"bits\":64}";
    private static final String BOOL = "{\"kind\":\"bool\"}";
    private static final String STRING = "{\"kind\":\"string\"}";

    static {
        for (int code = 0; code < 4; code++) {
            INTS[code * 2] = "{\"kind\":\"int\",\"bits\":" + (8 << code) + ",\"signed\":false}";
            INTS[code * 2 + 1] = "{\"kind\":\"int\",\"bits\":" + (8 << code) + ",\"signed\":true}";
        }
    }

    private JsonTypeWriter() {
    }

    public static String write(TypeInfo type) {
        TypeRules.check(type, ValuePath.ROOT);
        String scalar = scalar(type);
        if (scalar != null) {
            return scalar;
        }
        StringBuilder sb = new StringBuilder(160);
        append(sb, type);
        return checked(sb).toString();
    }

    public static String writeAll(List<TypeInfo> types) {
        for (int i = 0; i < types.size(); i++) {
            TypeRules.check(types.get(i), ValuePath.element(i));
        }
        StringBuilder sb = new StringBuilder(2 + 64 * types.size());
        sb.append('[');
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(sb, types.get(i));
        }
        return checked(sb.append(']')).toString();
    }

    /** The constant text of a scalar type, or null for the others. */
    private static @Nullable String scalar(TypeInfo t) {
        return switch (t.kind()) {
            case INT -> INTS[SimpleTypes.widthCode(t.bits()) * 2 + (t.signed() ? 1 : 0)];
            case FLOAT -> t.bits() == 32 ? F32 : F64;
            case BOOL -> BOOL;
            case STRING -> STRING;
            default -> null;
        };
    }

    /**
     * Text no reader would take back is refused: past {@link Limits#MAX_JSON_CHARS} characters (long
     * names, or a name shared by many types, can get there within the type count). Checked as the
     * text grows, so a TypeInfo whose text would take gigabytes fails after one mebibyte.
     */
    private static StringBuilder checked(StringBuilder sb) {
        if (sb.length() > Limits.MAX_JSON_CHARS) {
            throw Invalid.limit(ValuePath.ROOT.toString(), TOO_LONG);
        }
        return sb;
    }

    private static final String TOO_LONG = "the JSON text would be longer than " + Limits.MAX_JSON_CHARS
            + " characters (the limit is " + Limits.MAX_JSON_CHARS + ")";

    /** {@code t} has passed {@link TypeRules#check}, so the fields its kind needs are there. */
    private static void append(StringBuilder sb, TypeInfo t) {
        checked(sb);
        switch (t.kind()) {
            case NAMED -> {
                sb.append("{\"kind\":\"named\",\"name\":");
                JsonStrings.appendQuoted(sb, Objects.requireNonNull(t.name()));
                appendArgs(sb, t.args());
            }
            case GENERIC -> {
                sb.append("{\"kind\":\"generic\",\"name\":");
                JsonStrings.appendQuoted(sb, Objects.requireNonNull(t.name()));
            }
            case ARRAY -> {
                sb.append("{\"kind\":\"array\",\"elem\":");
                append(sb, Objects.requireNonNull(t.elem()));
            }
            case TUPLE -> {
                sb.append("{\"kind\":\"tuple\"");
                appendArgs(sb, t.args());
            }
            case SIMD -> {
                sb.append("{\"kind\":\"simd\",\"lanes\":").append(t.lanes()).append(",\"elem\":");
                append(sb, Objects.requireNonNull(t.elem()));
            }
            case FUNCTION -> {
                sb.append("{\"kind\":\"function\"");
                appendArgs(sb, t.args());
                sb.append(",\"elem\":");
                append(sb, Objects.requireNonNull(t.elem()));
            }
            default -> {
                sb.append(scalar(t));
                return;
            }
        }
        sb.append('}');
    }

    private static void appendArgs(StringBuilder sb, List<TypeInfo> args) {
        if (args.isEmpty()) {
            return;
        }
        sb.append(",\"args\":[");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            append(sb, args.get(i));
        }
        sb.append(']');
    }
}
