package dev.simplec.serializer.json;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;
import dev.simplec.serializer.rules.Invalid;
import dev.simplec.serializer.rules.Limits;

/**
 * One JSON text holding exactly one value: enforces the size bound, runs a reader on the value,
 * rejects anything after it, and turns every Jackson failure into a {@link SimplecException}, so
 * that nothing else leaves a read, whatever the input.
 */
final class JsonDocument {
    /** Reads one value; the parser stands on its first token, and is left on its last. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(JsonParser p) throws IOException;
    }

    static final String ROOT = "$";

    private static final String CONTENT_AFTER = "content after the end of the value";

    /**
     * Strict JSON (no comments, no single quotes, ...). Our readers stop at {@link Limits#MAX_TYPE_DEPTH}
     * types, far below this nesting bound, which only backs them up.
     */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(4 * Limits.MAX_TYPE_DEPTH + 16)
                    .maxStringLength(Limits.MAX_JSON_CHARS)
                    .build())
            .build();

    private static final Pattern JACKSON_LOCATION =
            Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]", Pattern.DOTALL);

    private JsonDocument() {
    }

    static <T> T read(@Nullable String json, ValueReader<T> reader) {
        if (json == null) {
            throw Invalid.at(ROOT, "no input (null)");
        }
        if (json.length() > Limits.MAX_JSON_CHARS) {
            throw Invalid.limit(ROOT, "input is " + json.length() + " characters long; the limit is " + Limits.MAX_JSON_CHARS);
        }
        try (JsonParser p = FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw malformed(p.currentLocation(), "no value");
            }
            T value = reader.read(p);
            long end = p.currentLocation().getCharOffset();
            boolean more;
            try {
                more = p.nextToken() != null;
            } catch (JsonProcessingException e) {
                more = true;
            }
            if (more) {
                throw contentAfter(json, (int) Math.max(end, 0));
            }
            return value;
        } catch (SimplecException e) {
            throw e;
        } catch (JsonProcessingException e) {
            throw malformed(e.getLocation(), clean(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            // Not expected from a String source; reported rather than let through.
            throw Invalid.at(ROOT, "unreadable JSON: " + e);
        }
    }

    /** Points at the first character after the value that is not JSON whitespace. */
    private static SimplecException contentAfter(String json, int end) {
        int at = end;
        while (at < json.length() && " \t\r\n".indexOf(json.charAt(at)) >= 0) {
            at++;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            char c = json.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == json.length() || json.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return Invalid.at(ROOT, "malformed JSON at line " + line + ", column " + (at - lineStart + 1) + ": " + CONTENT_AFTER);
    }

    private static SimplecException malformed(@Nullable JsonLocation at, String what) {
        if (at == null || at.getLineNr() < 1) {
            return Invalid.at(ROOT, "malformed JSON: " + what);
        }
        return Invalid.at(ROOT, "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what);
    }

    /** Jackson's wording, minus its source descriptions and line breaks. */
    private static String clean(@Nullable String message) {
        if (message == null) {
            return "unknown error";
        }
        Matcher m = JACKSON_LOCATION.matcher(message);
        String s = m.replaceAll("line $1, column $2");
        return s.replaceAll("\\s+", " ").trim();
    }
}
