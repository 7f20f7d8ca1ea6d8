package dev.simplec.api.service;

import java.util.List;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.SimplecException;
import dev.simplec.api.types.TemplateDescription;
import dev.simplec.api.types.TypeHint;
import dev.simplec.api.types.TypeInfo;

/**
 * Reads and writes the JSON of SPEC §4. Writing gives the canonical form byte for byte; reading
 * is lenient about field order and whitespace and strict about meaning. Every read failure is a
 * {@link SimplecException} of kind {@code INVALID_INPUT} ({@code LIMIT} for input past a documented
 * bound: size, nesting, count) whose message starts with the JSON path,
 * e.g. {@code $[0].bits: 12 is not a valid int width (8, 16, 32, 64)}; callers put the argument
 * name in front. A reader given null (a C caller's NULL) reports it like any bad input:
 * {@code $: no input (null)}.
 *
 * <p>Writing one type, reading one text and the batch forms below are all thread-safe. A
 * {@link CompilerSession#serializer()} puts a session's caches in front of this service.
 */
public interface TypeSerializer {
    String writeType(TypeInfo type);

    /** A JSON array of canonical TypeInfos. */
    String writeTypes(List<TypeInfo> types);

    TypeInfo readType(@Nullable String json);

    /** A JSON array of TypeInfos, such as {@code types_json}. */
    List<TypeInfo> readTypes(@Nullable String json);

    /** A JSON array of TypeHints, such as {@code hints_json}. */
    List<TypeHint> readHints(@Nullable String json);

    /** A template description, such as {@code template_json}. */
    TemplateDescription readTemplate(@Nullable String json);

    /**
     * Batch write (seed §8.3): the canonical JSON of each type, one text per type, in order. A
     * type that cannot be written fails the whole batch with its index in front of the message:
     * {@code [2]: $.bits: 12 is not a valid int width (8, 16, 32, 64)}.
     *
     * @since 1.1
     */
    default List<String> writeEach(List<TypeInfo> types) {
        String[] out = new String[types.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = writeType(types.get(i));
            } catch (SimplecException e) {
                throw e.within("[" + i + "]");
            }
        }
        return List.of(out);
    }

    /**
     * Batch read (seed §8.3): each text as one TypeInfo, in order. A text that cannot be read
     * fails the whole batch with its index in front of the message:
     * {@code [2]: $.kind: missing}.
     *
     * @since 1.1
     */
    default List<TypeInfo> readEach(List<String> jsons) {
        TypeInfo[] out = new TypeInfo[jsons.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = readType(jsons.get(i));
            } catch (SimplecException e) {
                throw e.within("[" + i + "]");
            }
        }
        return List.of(out);
    }
}
