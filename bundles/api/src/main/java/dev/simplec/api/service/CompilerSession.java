package dev.simplec.api.service;

/**
 * One compiler context: the calls of the C ABI, with their inputs as the C caller gave them
 * (JSON text, template source). Safe to use from several threads at once.
 */
public interface CompilerSession extends AutoCloseable {
    /** {@code compiler_infer_types}: a JSON array with one TypeInfo per type parameter. */
    String inferTypes(String templateJson, String hintsJson);

    /** {@code compiler_check_types}: returns normally when the template module is well typed. */
    void checkTypes(String source);

    /** {@code compiler_instantiate_template}: machine code for the module's first function. */
    CompiledCode instantiate(String source, String typesJson);

    @Override
    void close();
}
