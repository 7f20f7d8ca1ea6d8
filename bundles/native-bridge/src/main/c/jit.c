/* jit.c — compiler_jit_load / compiler_jit_free: instantiated code mapped executable, never
 * writable and executable at once (W^X), unmapped when freed, and optionally named in
 * /tmp/perf-<pid>.map so `perf` can attribute samples to it (SIMPLEC_PERF_MAP=1). */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shim.h"

#define API SIMPLEC_EXPORT

static pthread_mutex_t perf_mu = PTHREAD_MUTEX_INITIALIZER;

/* The name of the template's first function ("double" in "fn double<T>…"), for the perf map. */
static void entry_name(const uint8_t *src, size_t len, char *out, size_t cap) {
    snprintf(out, cap, "template");
    for (size_t i = 0; i + 3 < len; i++) {
        if (src[i] == 'f' && src[i + 1] == 'n' && isspace(src[i + 2]) && (i == 0 || !isalnum(src[i - 1]))) {
            size_t j = i + 2, n = 0;
            while (j < len && isspace(src[j])) j++;
            while (j < len && n + 1 < cap && (isalnum(src[j]) || src[j] == '_')) out[n++] = (char)src[j++];
            if (n > 0) out[n] = 0;
            return;
        }
    }
}

static void perf_map_line(const void *addr, size_t len, const uint8_t *src, size_t src_len) {
    const char *opt = getenv("SIMPLEC_PERF_MAP");
    if (!opt || strcmp(opt, "1") != 0) return;
    char name[128], path[64];
    entry_name(src, src_len, name, sizeof name);
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
    pthread_mutex_lock(&perf_mu);
    FILE *f = fopen(path, "a");
    if (f) {
        fprintf(f, "%lx %zx simplec:%s\n", (unsigned long)(uintptr_t)addr, len, name);
        fclose(f);
    }
    pthread_mutex_unlock(&perf_mu);
}

API void *compiler_jit_load(CompilerContextImpl *ctx, const uint8_t *template_bytes, size_t template_len,
                            const char *types_json) {
    static const char fn[] = "compiler_jit_load";
    err_clear();
    uint8_t *code;
    size_t len;
    if (instantiate_code(fn, ctx, template_bytes, template_len, types_json, &code, &len) < 0) return NULL;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t mapped = (len + page - 1) / page * page;
    void *mem = mmap(NULL, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) {
        free(code);
        err_set("%s: cannot map %zu bytes", fn, mapped);
        return NULL;
    }
    memcpy(mem, code, len);
    free(code);
    __builtin___clear_cache((char *)mem, (char *)mem + len); /* needed on AArch64 hardware */
    if (mprotect(mem, mapped, PROT_READ | PROT_EXEC) != 0) {
        munmap(mem, mapped);
        err_set("%s: cannot make the code executable (mprotect refused PROT_EXEC)", fn);
        return NULL;
    }
    if (own_register(mem, mapped, OWN_JIT) < 0) {
        munmap(mem, mapped);
        err_set("%s: out of memory", fn);
        return NULL;
    }
    perf_map_line(mem, len, template_bytes, template_len);
    return mem;
}

API void compiler_jit_free(void *fn_ptr) {
    err_clear();
    if (!fn_ptr) return;
    size_t mapped;
    if (own_release_jit("compiler_jit_free", fn_ptr, &mapped) == 0) munmap(fn_ptr, mapped);
}
