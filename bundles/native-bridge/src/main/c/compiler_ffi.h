/*
 * compiler_ffi.h — the C ABI of simplec (libsimplec.so).
 *
 * simplec infers types for generic templates, type-checks template code and instantiates
 * templates into native machine code. Link with `-lsimplec` (see `pkg-config --libs simplec`).
 *
 * Hosting. In a JVM that runs the simplec platform, the bridge bundle installs itself into this
 * library. In a plain native program, the first call boots a JVM with the distribution's Felix
 * and bundles (found from this library's location, or SIMPLEC_HOME; the JVM from JAVA_HOME, else
 * the `java` on PATH) and waits for the platform; later calls go straight through.
 *
 * Errors. Every failing call records a message for the calling thread; compiler_get_last_error()
 * returns it. Messages say what was wrong and where, e.g.
 *   "types_json: $[0].bits: 12 is not a valid int width (8, 16, 32, 64)"
 *   "template:1:34: cannot add text and i64"
 *
 * Threads. Every function may be called from any thread, including threads the JVM has never
 * seen (each is attached once, on its first call). A context may be shared between threads: its
 * state, including its caches of types and compiled code (see compiler_stats), is safe for
 * concurrent use.
 *
 * Environment. SIMPLEC_HOME, JAVA_HOME (above); SIMPLEC_JVM_OPTS, extra options for a JVM this
 * library starts (separated by spaces, at most 32); SIMPLEC_BOOT_TIMEOUT_MS, how long the first call waits for the platform
 * (default 60000); SIMPLEC_ATTACH_WARMUP, how many throwaway threads may be attached in the
 * background once the platform is up so that later threads attach at the compiled price
 * (default 4000, 0: none).
 */
#ifndef SIMPLEC_COMPILER_FFI_H
#define SIMPLEC_COMPILER_FFI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this ABI: compiler_abi_version() returns it; bumped when a signature changes. */
#define SIMPLEC_ABI_VERSION 1u

/* Opaque. A context pointer is a checked handle, never dereferenced by the caller: NULL, a
 * destroyed context or a made-up value is reported as "invalid context handle", never a crash. */
typedef struct CompilerContextImpl CompilerContextImpl;

/* Result of compiler_instantiate_template.
 * success        true when code_ptr/code_len hold the machine code.
 * code_ptr       position-independent code, entry at offset 0, in ordinary (non-executable)
 *                memory owned by the caller: copy it to executable memory to run it, then free
 *                it with compiler_free_code(code_ptr, code_len).
 * error_message  on failure, the message (also the thread's last error), owned by the caller:
 *                free it with compiler_free_string. NULL on success. */
typedef struct {
    bool success;
    uint8_t *code_ptr;
    size_t code_len;
    char *error_message;
} CompilationResult;

/* Creates a compiler context that compiles for the active backend (the host's architecture unless
 * configured otherwise). Returns NULL on failure (platform unavailable), with the last error set.
 * Thread-safe. Example:
 *     CompilerContextImpl *ctx = compiler_create_context();
 *     if (!ctx) fprintf(stderr, "%s\n", compiler_get_last_error()); */
CompilerContextImpl *compiler_create_context(void);

/* Destroys a context. Destroying NULL, an unknown or an already destroyed context is an error
 * ("invalid context handle"), not a crash. Calls running on the context on other threads finish
 * normally. Thread-safe. */
void compiler_destroy_context(CompilerContextImpl *ctx);

/* The calling thread's last error, or NULL when its last call succeeded. Owned by the library:
 * valid until the next compiler_* call on the same thread; do not free it. */
const char *compiler_get_last_error(void);

/* Frees a string this library returned (compiler_infer_types, compiler_list_backends,
 * compiler_stats, CompilationResult.error_message).
 * NULL is a no-op. A pointer the library did not hand out, or one already freed, is reported as
 * an error and the heap is not touched. Thread-safe. */
void compiler_free_string(char *s);

/* Infers the type arguments of a template from hints.
 * template_json  {"name":"id","params":[{"name":"T"}]} (optionally "signature" and "source")
 * hints_json     [{"source":"call_site","param_index":0,"ty":{"kind":"int","bits":64,"signed":true}}]
 * Returns a JSON array with one TypeInfo per type parameter, e.g.
 * [{"kind":"int","bits":64,"signed":true}], owned by the caller (compiler_free_string), or NULL
 * on error with the last error set. Thread-safe; ctx may be shared. */
char *compiler_infer_types(CompilerContextImpl *ctx, const char *template_json, const char *hints_json);

/* Parses and type-checks a template module of `len` bytes of UTF-8 source. Returns true when it
 * is well typed; false with the last error holding the diagnostics. Thread-safe. */
bool compiler_check_types(CompilerContextImpl *ctx, const uint8_t *code, size_t len);

/* Compiles the first function of the template module (UTF-8 source, template_len bytes) for the
 * type arguments in types_json (a JSON array of TypeInfo, in declaration order), for the context's
 * backend. See CompilationResult for ownership. Thread-safe; ctx may be shared. The context caches
 * the code: the same source and types on the same backend (name, version, and the same loaded
 * build) are answered without compiling, each call with its own copy (see compiler_stats). Example:
 *     const char *src = "fn double<T: Num>(x: T) -> T { x + x }";
 *     CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)src, strlen(src),
 *                               "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]");
 *     if (r.success) { ...map r.code_ptr executable, call it...; compiler_free_code(r.code_ptr, r.code_len); }
 *     else { fprintf(stderr, "%s\n", r.error_message); compiler_free_string(r.error_message); } */
CompilationResult compiler_instantiate_template(CompilerContextImpl *ctx, const uint8_t *template_bytes,
                                                size_t template_len, const char *types_json);

/* Frees code returned in a CompilationResult; `len` must be its exact code_len. NULL is a no-op.
 * A foreign pointer, a second free or a wrong length is reported as an error and nothing is
 * freed. Thread-safe. */
void compiler_free_code(uint8_t *code, size_t len);

/* SIMPLEC_ABI_VERSION of the library actually loaded. Never fails; needs no platform. */
uint32_t compiler_abi_version(void);

/* Creates a context pinned to a backend by name ("x86_64" or "aarch64"), e.g. to cross-compile
 * for AArch64 on an x86-64 host. An unknown name is an error (NULL, last error set). */
CompilerContextImpl *compiler_create_context_for(const char *backend);

/* The registered backends as a JSON array of
 * {"name":"x86_64","arch":"x86_64","version":"1.0.0","active":true}, owned by the caller
 * (compiler_free_string); NULL on error. */
char *compiler_list_backends(void);

/* The counters of the context's caches as JSON, owned by the caller (compiler_free_string); NULL
 * on error (e.g. an invalid context), with the last error set. One object per cache, always in
 * this order and with these fields, without spaces:
 *   {"serialize":{"hits":0,"misses":1,"evictions":0,"size":1,"capacity":1024},
 *    "deserialize":{"hits":1,"misses":1,"evictions":0,"size":1,"capacity":1024},
 *    "instantiate":{"hits":1,"misses":1,"evictions":0,"size":1,"capacity":4096}}
 * serialize    TypeInfos written as JSON (the answers of compiler_infer_types)
 * deserialize  JSON texts read as TypeInfos (types_json)
 * instantiate  compiled code, by template source, types and backend name and version
 * hits, misses lookups answered from the cache / computed (failed calls count as misses and are
 *              never cached); evictions: entries dropped to make room; size: entries held now;
 *              capacity: the most entries the cache holds (0: that cache is off).
 * Counters start at 0 when the context is created and only grow. Thread-safe; ctx may be shared
 * (each counter is exact for the calls that have returned). */
char *compiler_stats(CompilerContextImpl *ctx);

/* Instantiates like compiler_instantiate_template and maps the code executable: returns a function
 * pointer to cast to the C type the template's signature describes, or NULL with the last error
 * set. The memory is never writable and executable at once. Free it with compiler_jit_free.
 * With SIMPLEC_PERF_MAP=1 in the environment, a line "addr size simplec:<name>" is appended to
 * /tmp/perf-<pid>.map so `perf report` can name the code. Thread-safe; ctx may be shared.
 *     int64_t (*dbl)(int64_t) = (int64_t (*)(int64_t))compiler_jit_load(ctx, src, len, types);
 *     if (dbl) { printf("%lld\n", (long long)dbl(21)); compiler_jit_free((void *)dbl); } */
void *compiler_jit_load(CompilerContextImpl *ctx, const uint8_t *template_bytes, size_t template_len,
                        const char *types_json);

/* Unmaps code from compiler_jit_load. NULL is a no-op; any other pointer, or a second free, is
 * reported as an error and nothing is unmapped. Thread-safe. */
void compiler_jit_free(void *fn);

#ifdef __cplusplus
}
#endif

#endif /* SIMPLEC_COMPILER_FFI_H */
