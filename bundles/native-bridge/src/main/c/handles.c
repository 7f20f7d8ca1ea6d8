/* handles.c — context handles as slot index + generation, so NULL, destroyed and made-up
 * pointers are recognised instead of dereferenced. Handle = generation << 32 | (index + 1). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shim.h"

#define MAX_CONTEXTS (1u << 20)

typedef struct {
    uint32_t generation; /* bumped on release, so an old handle never matches again */
    uint8_t live;
    char *backend; /* the pin, so a session can be reopened after a bridge update; NULL: none */
} slot;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static slot *slots;
static uint32_t capacity, used_top;
static uint32_t *free_list;
static uint32_t free_count;

/* The live slot of h, or NULL. (Returning the slot rather than its index also lets gcc -fanalyzer
 * follow a pin stored into it; through an index out-parameter it reports a false leak.) */
static slot *lookup(uint64_t h) {
    uint32_t low = (uint32_t)h;
    if (low == 0 || low > used_top) return NULL;
    slot *s = &slots[low - 1];
    return s->live && s->generation == (uint32_t)(h >> 32) ? s : NULL;
}

uint64_t handle_alloc(void) {
    pthread_mutex_lock(&mu);
    uint32_t index;
    if (free_count > 0) {
        index = free_list[--free_count];
    } else {
        if (used_top == capacity) {
            uint32_t grown = capacity ? capacity * 2 : 64;
            if (grown > MAX_CONTEXTS) grown = MAX_CONTEXTS;
            if (grown == capacity) { pthread_mutex_unlock(&mu); return 0; }
            slot *s = realloc(slots, grown * sizeof *s);
            if (!s) { pthread_mutex_unlock(&mu); return 0; }
            slots = s;
            uint32_t *f = realloc(free_list, grown * sizeof *f);
            if (!f) { pthread_mutex_unlock(&mu); return 0; }
            free_list = f;
            capacity = grown;
        }
        index = used_top++;
        slots[index].generation = 0;
        slots[index].backend = NULL;
    }
    slot *s = &slots[index];
    s->generation++;
    if (s->generation == 0) s->generation = 1; /* wrapped: 0 stays reserved */
    s->live = 1;
    uint64_t h = ((uint64_t)s->generation << 32) | (uint64_t)(index + 1);
    pthread_mutex_unlock(&mu);
    return h;
}

int handle_is_live(uint64_t h) {
    pthread_mutex_lock(&mu);
    int live = lookup(h) != NULL;
    pthread_mutex_unlock(&mu);
    return live;
}

int handle_release(uint64_t h) {
    pthread_mutex_lock(&mu);
    slot *s = lookup(h);
    char *pin = NULL;
    if (s) {
        s->live = 0;
        pin = s->backend;
        s->backend = NULL;
        free_list[free_count++] = (uint32_t)(s - slots);
    }
    pthread_mutex_unlock(&mu);
    free(pin);
    return s != NULL;
}

int handle_pin(uint64_t h, const char *backend) {
    char *copy = strdup(backend);
    if (!copy) return -1;
    pthread_mutex_lock(&mu);
    slot *s = lookup(h);
    char *drop = copy; /* h is not live: nothing to pin */
    if (s) {
        drop = s->backend;
        s->backend = copy;
    }
    pthread_mutex_unlock(&mu);
    free(drop);
    return 0;
}

int handle_backend(uint64_t h, char *buf, size_t cap) {
    pthread_mutex_lock(&mu);
    slot *s = lookup(h);
    if (s) snprintf(buf, cap, "%s", s->backend ? s->backend : "");
    pthread_mutex_unlock(&mu);
    return s ? 0 : -1;
}
