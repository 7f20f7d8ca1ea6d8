package dev.simplec.serializer.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The JSON path of where the parser is ({@code $[0].args[1].bits}), read off Jackson's own parsing
 * context, so that reading keeps no path of its own and pays for one only when it reports an error.
 */
final class JsonPath {
    private JsonPath() {
    }

    /**
     * The path of the current token's value: a field name or scalar is addressed through the
     * context that holds it; at {@code {} or {@code [} Jackson has already entered the new
     * container, so its parent addresses it; at a closing token it has already left.
     */
    static String of(JsonParser p) {
        JsonStreamContext ctx = p.getParsingContext();
        JsonToken t = p.currentToken();
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && ctx != null) {
            ctx = ctx.getParent();
        }
        StringBuilder sb = new StringBuilder("$");
        append(sb, ctx);
        return sb.toString();
    }

    /** The path of field {@code field} of the object at {@code objectPath}; our field names need no quoting. */
    static String field(String objectPath, String field) {
        return objectPath + "." + field;
    }

    private static void append(StringBuilder sb, @Nullable JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return;
        }
        append(sb, ctx.getParent());
        if (ctx.inArray()) {
            sb.append('[').append(Math.max(ctx.getCurrentIndex(), 0)).append(']');
        } else {
            String name = ctx.getCurrentName();
            if (name == null) {
                return;
            }
            if (isIdentifier(name)) {
                sb.append('.').append(name);
            } else {
                sb.append('[').append(JsonStrings.quoteShort(name)).append(']');
            }
        }
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty() || s.length() > JsonStrings.MAX_QUOTED) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
