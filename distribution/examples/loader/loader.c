/*
 * loader.c — a small native module loader (the seed's §6.3 scenario): it reads a module of
 * generic templates, resolves a generic function for given type arguments at load time
 * (resolve_generic), and calls the machine code.
 *
 *   cc loader.c $(pkg-config --cflags --libs simplec) -o loader && ./loader generics.spt
 */
#include <compiler_ffi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc(n + 1);
    if (fread(s, 1, n, f) != (size_t)n) { perror(path); exit(1); }
    s[n] = 0;
    fclose(f);
    return s;
}

/* The module with function `name` moved to the front: the C ABI compiles a module's first
 * function. Items (fn, struct, with their leading comments) start at the beginning of a line. */
static char *with_entry(const char *module, const char *name) {
    char header[256];
    snprintf(header, sizeof header, "\nfn %s<", name);
    const char *fn = strstr(module, header);
    if (!fn) return NULL;
    fn++;
    const char *start = fn; /* take the comment lines right above it along */
    while (start > module && start[-1] == '\n') {
        const char *line = start - 1;
        while (line > module && line[-1] != '\n') line--;
        if (strncmp(line, "//", 2) != 0) break;
        start = line;
    }
    const char *end = strstr(fn, "\n}");
    end = end ? end + 2 : fn + strlen(fn);
    size_t n = strlen(module);
    char *out = malloc(n + 2);
    size_t item = end - start;
    memcpy(out, start, item);
    out[item] = '\n';
    memcpy(out + item + 1, module, start - module);
    strcpy(out + item + 1 + (start - module), end);
    return out;
}

/* Resolves a generic function of the module for the type arguments: a callable address. */
static void *resolve_generic(CompilerContextImpl *ctx, const char *module, const char *name, const char *types_json) {
    char *source = with_entry(module, name);
    if (!source) {
        fprintf(stderr, "resolve_generic: the module has no function %s\n", name);
        return NULL;
    }
    void *fn = compiler_jit_load(ctx, (const uint8_t *)source, strlen(source), types_json);
    if (!fn) fprintf(stderr, "resolve_generic(%s, %s): %s\n", name, types_json, compiler_get_last_error());
    free(source);
    return fn;
}

/* C views of the module's structs for K = text, V = i64 (slices and text are pointer + length). */
typedef struct { const char *data; int64_t len; } text;
typedef struct { const text *keys; int64_t keys_len; const int64_t *values; int64_t values_len; } hashmap_text_i64;
typedef struct { const hashmap_text_i64 *items; int64_t items_len; } vec_hashmap;

int main(int argc, char **argv) {
    char *module = read_file(argc > 1 ? argv[1] : "generics.spt");
    CompilerContextImpl *ctx = compiler_create_context();
    if (!ctx) { fprintf(stderr, "%s\n", compiler_get_last_error()); return 1; }

    /* Load-time inference: my_fn is called with an i64, so T = i64. */
    char *types = compiler_infer_types(ctx, "{\"name\":\"my_fn\",\"params\":[{\"name\":\"T\",\"bounds\":[\"Num\"]}]}",
        "[{\"source\":\"call_site\",\"param_index\":0,\"ty\":{\"kind\":\"int\",\"bits\":64,\"signed\":true}}]");
    if (!types) { fprintf(stderr, "%s\n", compiler_get_last_error()); return 1; }
    printf("inferred my_fn type arguments: %s\n", types);

    int64_t (*my_fn)(int64_t) = (int64_t (*)(int64_t))resolve_generic(ctx, module, "my_fn", types);
    compiler_free_string(types);
    if (!my_fn) return 1;
    printf("resolve_generic(\"my_fn\", [i64]) -> %p; my_fn(42) = %lld\n", (void *)my_fn, (long long)my_fn(42));

    const char *vec_of_maps =
        "[{\"kind\":\"named\",\"name\":\"Vec\",\"args\":[{\"kind\":\"named\",\"name\":\"HashMap\",\"args\":"
        "[{\"kind\":\"string\"},{\"kind\":\"int\",\"bits\":64,\"signed\":true}]}]}]";
    int64_t (*process_data)(const vec_hashmap *, int64_t) =
        (int64_t (*)(const vec_hashmap *, int64_t))resolve_generic(ctx, module, "process_data", vec_of_maps);
    if (!process_data) return 1;

    text k[] = {{"a", 1}, {"b", 1}, {"c", 1}};
    int64_t v[] = {1, 2, 3};
    hashmap_text_i64 maps[] = {{k, 3, v, 3}, {k, 1, v, 1}};
    vec_hashmap batch[] = {{maps, 2}, {maps + 1, 1}, {maps, 0}};
    printf("resolve_generic(\"process_data\", [Vec<HashMap<text, i64>>]) -> %p; process_data(3 vectors) = %lld\n",
           (void *)process_data, (long long)process_data(batch, 3));

    int64_t (*total_values)(const vec_hashmap *, int64_t) = (int64_t (*)(const vec_hashmap *, int64_t))resolve_generic(
        ctx, module, "total_values", "[{\"kind\":\"string\"},{\"kind\":\"int\",\"bits\":64,\"signed\":true}]");
    if (!total_values) return 1;
    printf("total_values<text, i64>(3 vectors of maps) = %lld\n", (long long)total_values(batch, 3));

    compiler_jit_free((void *)my_fn);
    compiler_jit_free((void *)process_data);
    compiler_jit_free((void *)total_values);
    compiler_destroy_context(ctx);
    free(module);
    return 0;
}
