/* ownership.c — every pointer handed to the caller, so that double frees, wrong lengths and
 * foreign pointers are reported and never reach free(). An open-addressing hash set keyed by
 * address, with tombstones. */
#include <pthread.h>
#include <stdlib.h>

#include "shim.h"

typedef struct {
    uintptr_t addr; /* 0 empty, 1 tombstone */
    size_t len;
    int kind;
} entry;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static entry *table;
static size_t cap, count, tombstones;

static size_t hash(uintptr_t a) {
    a ^= a >> 33;
    a *= 0xff51afd7ed558ccdULL;
    a ^= a >> 33;
    return (size_t)a;
}

static entry *find(uintptr_t a) {
    if (!cap) return NULL;
    for (size_t i = hash(a) & (cap - 1);; i = (i + 1) & (cap - 1)) {
        if (table[i].addr == a) return &table[i];
        if (table[i].addr == 0) return NULL;
    }
}

static int grow(void) {
    size_t ncap = cap ? cap * 2 : 256;
    if (cap && (count + 1) * 2 < cap) ncap = cap; /* mostly tombstones: rehash in place size */
    entry *n = calloc(ncap, sizeof *n);
    if (!n) return -1;
    for (size_t i = 0; i < cap; i++) {
        if (table[i].addr > 1) {
            size_t j = hash(table[i].addr) & (ncap - 1);
            while (n[j].addr) j = (j + 1) & (ncap - 1);
            n[j] = table[i];
        }
    }
    free(table);
    table = n;
    cap = ncap;
    tombstones = 0;
    return 0;
}

int own_register(void *p, size_t len, enum own_kind kind) {
    pthread_mutex_lock(&mu);
    if ((count + tombstones + 1) * 4 > cap * 3 && grow() < 0) {
        pthread_mutex_unlock(&mu);
        return -1;
    }
    uintptr_t a = (uintptr_t)p;
    size_t i = hash(a) & (cap - 1);
    while (table[i].addr > 1) i = (i + 1) & (cap - 1);
    if (table[i].addr == 1) tombstones--;
    table[i] = (entry){a, len, kind};
    count++;
    pthread_mutex_unlock(&mu);
    return 0;
}

static const char *kind_name(enum own_kind kind) {
    return kind == OWN_CODE ? "code" : kind == OWN_JIT ? "a JIT function" : "a string";
}

int own_release_jit(const char *fn, void *p, size_t *len) {
    pthread_mutex_lock(&mu);
    entry *e = find((uintptr_t)p);
    if (!e || e->kind != OWN_JIT) {
        pthread_mutex_unlock(&mu);
        err_set("%s: %p was not handed out by simplec as %s, or was freed already", fn, p, kind_name(OWN_JIT));
        return -1;
    }
    *len = e->len;
    e->addr = 1;
    count--;
    tombstones++;
    pthread_mutex_unlock(&mu);
    return 0;
}

int own_release(const char *fn, void *p, size_t len, enum own_kind kind) {
    pthread_mutex_lock(&mu);
    entry *e = find((uintptr_t)p);
    if (!e || e->kind != (int)kind) {
        pthread_mutex_unlock(&mu);
        err_set("%s: %p was not handed out by simplec as %s, or was freed already", fn, p, kind_name(kind));
        return -1;
    }
    if (kind == OWN_CODE && e->len != len) {
        size_t real = e->len;
        pthread_mutex_unlock(&mu);
        err_set("%s: length %zu does not match the %zu bytes handed out at %p; nothing was freed", fn, len,
                real, p);
        return -1;
    }
    e->addr = 1;
    count--;
    tombstones++;
    pthread_mutex_unlock(&mu);
    return 0;
}
