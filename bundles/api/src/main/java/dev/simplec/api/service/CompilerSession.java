package dev.simplec.api.service;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One compiler context: the calls of the C ABI, with their inputs as the C caller gave them
 * (JSON text, template source). Safe to use from several threads at once.
 *
 * <p>A session keeps three bounded caches (seed §8.2), each safe for concurrent use and emptied
 * when the session closes: TypeInfo to JSON ({@code serialize}), JSON to TypeInfo
 * ({@code deserialize}) and compiled code ({@code instantiate}), the last keyed by template source,
 * type arguments, and the backend's name, version and service, so that a backend swap never
 * serves code of the old backend. Failures are never cached. {@link #stats()} reads the counters.
 */
@ProviderType
public interface CompilerSession extends AutoCloseable {
    /** {@code compiler_infer_types}: a JSON array with one TypeInfo per type parameter. */
    String inferTypes(String templateJson, String hintsJson);

    /** {@code compiler_check_types}: returns normally when the template module is well typed. */
    void checkTypes(String source);

    /**
     * {@code compiler_instantiate_template}: machine code for the module's first function. The
     * same source and types on the same backend answer the same code from the cache.
     */
    CompiledCode instantiate(String source, String typesJson);

    /**
     * The machine code {@link #instantiate} gives, as text for humans: one instruction per line
     * (offset, bytes, assembly). Not cached.
     *
     * @throws dev.simplec.api.SimplecException of kind UNSUPPORTED when the backend cannot show its code
     * @since 1.1
     */
    String disassemble(String source, String typesJson);

    /**
     * The serializer service with this session's serialize and deserialize caches in front: same
     * answers, same errors, and repeated texts and types cost a lookup. Its batch operations
     * ({@link TypeSerializer#writeEach}, {@link TypeSerializer#readEach}) use the caches per element.
     *
     * @since 1.1
     */
    TypeSerializer serializer();

    /**
     * The session's caches and their counters now ({@code compiler_stats}).
     *
     * @since 1.1
     */
    SessionStats stats();

    /** Ends the session and drops its caches; code already handed out stays valid. */
    @Override
    void close();
}
