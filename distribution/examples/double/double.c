/*
 * double.c — simplec from a plain C program: infer a type argument, instantiate a generic
 * template for it, map the machine code executable and call it.
 *
 *   cc double.c $(pkg-config --cflags --libs simplec) -o double && ./double
 *
 * The first simplec call starts the platform (a JVM with Felix) inside this process.
 */
#include <compiler_ffi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static void *map_executable(const uint8_t *code, size_t len) {
    void *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) return NULL;
    memcpy(mem, code, len);
    if (mprotect(mem, len, PROT_READ | PROT_EXEC) != 0) { /* never writable and executable at once */
        munmap(mem, len);
        return NULL;
    }
    return mem;
}

int main(void) {
    CompilerContextImpl *ctx = compiler_create_context();
    if (!ctx) {
        fprintf(stderr, "compiler_create_context: %s\n", compiler_get_last_error());
        return 1;
    }

    /* What is T, if id<T> is called with an i64? */
    char *types = compiler_infer_types(ctx, "{\"name\":\"id\",\"params\":[{\"name\":\"T\"}]}",
        "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]");
    if (!types) {
        fprintf(stderr, "compiler_infer_types: %s\n", compiler_get_last_error());
        return 1;
    }
    printf("inferred types of id<T>(x: T) called with an i64: %s\n", types);

    /* Instantiate double<T> for what was inferred, and run it. */
    const char *source = "fn double<T: Num>(x: T) -> T { x + x }";
    CompilationResult r = compiler_instantiate_template(ctx, (const uint8_t *)source, strlen(source), types);
    compiler_free_string(types);
    if (!r.success) {
        fprintf(stderr, "compiler_instantiate_template: %s\n", r.error_message);
        compiler_free_string(r.error_message);
        return 1;
    }
    printf("double<i64> compiled to %zu bytes of machine code\n", r.code_len);

    size_t len = r.code_len;
    void *fn = map_executable(r.code_ptr, len);
    compiler_free_code(r.code_ptr, len);
    if (!fn) {
        perror("mmap");
        return 1;
    }
    int64_t (*double_i64)(int64_t) = (int64_t (*)(int64_t))fn;
    printf("double<i64>(42) = %lld\n", (long long)double_i64(42));
    munmap(fn, len);

    /* A bad template gets a compiler's diagnostic, not a crash. */
    const char *bad = "fn broken<T>(x: T) -> T { x + }";
    if (!compiler_check_types(ctx, (const uint8_t *)bad, strlen(bad)))
        printf("check of a broken template says:\n%s\n", compiler_get_last_error());

    compiler_destroy_context(ctx);
    return 0;
}
