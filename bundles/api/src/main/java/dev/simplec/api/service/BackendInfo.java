package dev.simplec.api.service;

/** A registered backend as {@code compiler_list_backends} reports it. */
public record BackendInfo(String name, String arch, String version, boolean active) {
}
