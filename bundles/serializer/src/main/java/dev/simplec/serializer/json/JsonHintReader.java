package dev.simplec.serializer.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.HintSource;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;
import dev.simplec.serializer.rules.Invalid;
import dev.simplec.serializer.rules.Limits;
import dev.simplec.serializer.rules.TypeRules;

/**
 * Reads {@code hints_json}: an array of {@code {"source":…,"param_index":…,"ty":…}}.
 * {@code param_index} belongs to {@code call_site} and {@code constraint} hints (required there,
 * 0 to {@value Limits#MAX_PARAM_INDEX}) and to no others, whose TypeHint gets -1.
 */
public final class JsonHintReader {
    private static final int SOURCE = 1;
    private static final int INDEX = 2;
    private static final int TY = 4;

    private static final String FIELDS = "(source, param_index, ty)";
    private static final String SOURCES = "(call_site, return, assignment, constraint)";

    private JsonHintReader() {
    }

    public static List<TypeHint> readHints(@Nullable String json) {
        return JsonDocument.read(json, JsonHintReader::readArray);
    }

    private static List<TypeHint> readArray(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw JsonValues.wrongType(p, "an array");
        }
        List<TypeHint> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (out.size() == Limits.MAX_HINTS) {
                throw Invalid.limit(JsonPath.of(p), "more than " + Limits.MAX_HINTS + " hints (the limit is "
                        + Limits.MAX_HINTS + ")");
            }
            out.add(read(p));
        }
        return out;
    }

    private static TypeHint read(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw JsonValues.wrongType(p, "an object");
        }
        int seen = 0;
        String sourceName = null;
        boolean hasIndex = false;
        int index = -1;
        TypeInfo ty = null;

        String field;
        while ((field = p.nextFieldName()) != null) {
            int bit = switch (field) {
                case "source" -> SOURCE;
                case "param_index" -> INDEX;
                case "ty" -> TY;
                default -> throw Invalid.at(JsonPath.of(p), "not a field of a hint " + FIELDS);
            };
            if ((seen & bit) != 0) {
                throw Invalid.at(JsonPath.of(p), "duplicate field");
            }
            seen |= bit;
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (bit) {
                case SOURCE -> sourceName = JsonValues.readString(p);
                case INDEX -> {
                    index = JsonValues.readInt(p);
                    hasIndex = true;
                }
                default -> ty = JsonTypeReader.read(p, 1);
            }
        }

        String at = JsonPath.of(p);
        if (sourceName == null) {
            throw Invalid.at(JsonPath.field(at, "source"), TypeRules.MISSING);
        }
        HintSource source = HintSource.fromJson(sourceName);
        if (source == null) {
            throw Invalid.at(JsonPath.field(at, "source"),
                    JsonStrings.quoteShort(sourceName) + " is not a hint source " + SOURCES);
        }
        boolean takesIndex = source == HintSource.CALL_SITE || source == HintSource.CONSTRAINT;
        if (hasIndex && !takesIndex) {
            throw Invalid.at(JsonPath.field(at, "param_index"), "source " + source.jsonName() + " has no param_index field");
        }
        if (!hasIndex && takesIndex) {
            throw Invalid.at(JsonPath.field(at, "param_index"), TypeRules.MISSING);
        }
        if (hasIndex && (index < 0 || index > Limits.MAX_PARAM_INDEX)) {
            throw Invalid.at(JsonPath.field(at, "param_index"),
                    index + " is not a valid index (0 to " + Limits.MAX_PARAM_INDEX + ")");
        }
        if (ty == null) {
            throw Invalid.at(JsonPath.field(at, "ty"), TypeRules.MISSING);
        }
        return new TypeHint(source, index, ty);
    }
}
