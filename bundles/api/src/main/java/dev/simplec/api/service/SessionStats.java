package dev.simplec.api.service;

import org.eclipse.jdt.annotation.Nullable;

/**
 * The caches of one compiler session (one C context) and their counters: what
 * {@link CompilerSession#stats()} answers, {@code compiler_stats} returns as JSON and the shell's
 * {@code simplec:stats} prints.
 *
 * @param id the session's number, unique within the running compiler service, from 1
 * @param backend the backend the session is pinned to, or null when it uses the active one
 * @param serialize TypeInfos (and lists of them) to canonical JSON
 * @param deserialize JSON text to TypeInfos (and lists of them), such as {@code types_json}
 * @param instantiate compiled code by template source, type arguments, backend name and version
 */
public record SessionStats(long id, @Nullable String backend, CacheStats serialize, CacheStats deserialize,
        CacheStats instantiate) {
}
