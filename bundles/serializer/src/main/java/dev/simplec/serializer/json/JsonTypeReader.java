package dev.simplec.serializer.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.api.types.TypeKind;
import dev.simplec.serializer.rules.Invalid;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.SimpleTypes;
import dev.simplec.serializer.rules.TypeRules;

/**
 * Reads TypeInfos with Jackson's streaming parser. Fields may come in any order; {@code null} and
 * an empty {@code args} count as absent. JSON types are checked as each field is read; the
 * meaning of a type is checked when its object closes (so a nested type is checked before its
 * container), field by field in canonical order, with the rules of {@link TypeRules}.
 */
public final class JsonTypeReader {
    private static final int KIND = 1;
    private static final int NAME = 2;
    private static final int ARGS = 4;
    private static final int BITS = 8;
    private static final int SIGNED = 16;
    private static final int LANES = 32;
    private static final int ELEM = 64;

    private static final String FIELDS = "(kind, name, args, bits, signed, lanes, elem)";
    private static final String KINDS = "(int, float, bool, string, named, generic, array, tuple, simd, function)";

    private JsonTypeReader() {
    }

    /**
     * Canonical text takes a shortcut (scalars by comparison, then any canonical type by a scan
     * without a parser); everything else, and every error, goes through Jackson.
     */
    public static TypeInfo readType(@Nullable String json) {
        if (json != null) {
            TypeInfo fast = CanonicalScalars.type(json);
            if (fast == null) {
                fast = CanonicalTypes.type(json);
            }
            if (fast != null) {
                return fast;
            }
        }
        return JsonDocument.read(json, p -> read(p, 1));
    }

    public static List<TypeInfo> readTypes(@Nullable String json) {
        if (json != null) {
            List<TypeInfo> fast = CanonicalScalars.types(json);
            if (fast == null) {
                fast = CanonicalTypes.types(json);
            }
            if (fast != null) {
                return fast;
            }
        }
        return JsonDocument.read(json, p -> readArray(p, 1));
    }

    /** The type whose {@code {} is the current token; {@code depth} is its nesting level (the outermost is 1). */
    static TypeInfo read(JsonParser p, int depth) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonValues.wrongType(p, "an object");
        }
        if (depth > Limits.MAX_TYPE_DEPTH) {
            throw Invalid.limit(JsonPath.of(p), TypeRules.TOO_DEEP);
        }
        int seen = 0;
        int present = 0;
        String kindName = null;
        String name = null;
        List<TypeInfo> args = List.of();
        int bits = 0;
        boolean signed = false;
        int lanes = 0;
        TypeInfo elem = null;

        String field;
        while ((field = p.nextFieldName()) != null) {
            int bit = switch (field) {
                case "kind" -> KIND;
                case "name" -> NAME;
                case "args" -> ARGS;
                case "bits" -> BITS;
                case "signed" -> SIGNED;
                case "lanes" -> LANES;
                case "elem" -> ELEM;
                default -> throw Invalid.at(JsonPath.of(p), "not a field of a type " + FIELDS);
            };
            if ((seen & bit) != 0) {
                throw Invalid.at(JsonPath.of(p), "duplicate field");
            }
            seen |= bit;
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            present |= bit;
            switch (bit) {
                case KIND -> kindName = JsonValues.readString(p);
                case NAME -> name = JsonValues.readString(p);
                case ARGS -> {
                    args = readArray(p, depth + 1);
                    if (args.isEmpty()) {
                        present &= ~ARGS;
                    }
                }
                case BITS -> bits = JsonValues.readInt(p);
                case SIGNED -> signed = JsonValues.readBoolean(p);
                case LANES -> lanes = JsonValues.readInt(p);
                default -> elem = read(p, depth + 1);
            }
        }
        return build(p, present, kindName, name, args, bits, signed, lanes, elem);
    }

    /** The types in the array whose {@code [} is the current token, each at nesting level {@code depth}. */
    static List<TypeInfo> readArray(JsonParser p, int depth) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(p, "an array");
        }
        if (p.nextToken() == JsonToken.END_ARRAY) {
            return List.of();
        }
        List<TypeInfo> out = new ArrayList<>(4);
        do {
            out.add(read(p, depth));
        } while (p.nextToken() != JsonToken.END_ARRAY);
        return out;
    }

    /** Checks the meaning of the object that just closed (the parser is on its {@code }}). */
    private static TypeInfo build(JsonParser p, int present, @Nullable String kindName, @Nullable String name,
            List<TypeInfo> args, int bits, boolean signed, int lanes, @Nullable TypeInfo elem) {
        if (kindName == null) {
            throw fail(p, "kind", TypeRules.MISSING);
        }
        TypeKind kind = TypeKind.fromJson(kindName);
        if (kind == null) {
            throw fail(p, "kind", JsonStrings.quoteShort(kindName) + " is not a type kind " + KINDS);
        }
        // Problem texts are built only on failure: this runs for every type read.
        if (name != null) {
            if (!TypeRules.hasName(kind)) {
                throw noField(p, kind, "name");
            }
            check(p, TypeRules.nameProblem(name), "name");
        } else if (TypeRules.hasName(kind)) {
            throw fail(p, "name", TypeRules.MISSING);
        }
        if ((present & ARGS) != 0 && !TypeRules.hasArgs(kind)) {
            throw noField(p, kind, "args");
        }
        if ((present & BITS) != 0) {
            if (!TypeRules.hasBits(kind)) {
                throw noField(p, kind, "bits");
            }
            check(p, TypeRules.bitsProblem(kind, bits), "bits");
        } else if (TypeRules.hasBits(kind)) {
            throw fail(p, "bits", TypeRules.MISSING);
        }
        if ((present & SIGNED) != 0) {
            if (!TypeRules.hasSigned(kind)) {
                throw noField(p, kind, "signed");
            }
        } else if (TypeRules.hasSigned(kind)) {
            throw fail(p, "signed", TypeRules.MISSING);
        }
        if ((present & LANES) != 0) {
            if (!TypeRules.hasLanes(kind)) {
                throw noField(p, kind, "lanes");
            }
            check(p, TypeRules.lanesProblem(lanes), "lanes");
        } else if (TypeRules.hasLanes(kind)) {
            throw fail(p, "lanes", TypeRules.MISSING);
        }
        if (elem != null) {
            if (!TypeRules.hasElem(kind)) {
                throw noField(p, kind, "elem");
            }
            if (kind == TypeKind.SIMD) {
                check(p, TypeRules.simdElemProblem(elem), "elem");
                check(p, TypeRules.simdSizeProblem(lanes, elem), "lanes");
            }
        } else if (TypeRules.hasElem(kind)) {
            throw fail(p, "elem", TypeRules.MISSING);
        }
        return switch (kind) {
            case INT -> SimpleTypes.integer(bits, signed);
            case FLOAT -> SimpleTypes.floating(bits);
            case BOOL -> TypeInfo.bool();
            case STRING -> TypeInfo.string();
            default -> new TypeInfo(kind, name, args, 0, false, lanes, elem);
        };
    }

    private static SimplecException noField(JsonParser p, TypeKind kind, String field) {
        return fail(p, field, TypeRules.noField(kind, field));
    }

    private static void check(JsonParser p, @Nullable String problem, String field) {
        if (problem != null) {
            throw fail(p, field, problem);
        }
    }

    private static SimplecException fail(JsonParser p, String field, String problem) {
        return Invalid.at(JsonPath.field(JsonPath.of(p), field), problem);
    }
}
