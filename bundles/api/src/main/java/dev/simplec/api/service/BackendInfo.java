package dev.simplec.api.service;

/**
 * A registered backend as {@code compiler_list_backends} and the shell report it; {@code compiles}
 * counts the compilations it has served (cache hits do not reach a backend).
 */
public record BackendInfo(String name, String arch, String version, boolean active, long compiles) {
    public BackendInfo(String name, String arch, String version, boolean active) {
        this(name, arch, version, active, 0);
    }
}
