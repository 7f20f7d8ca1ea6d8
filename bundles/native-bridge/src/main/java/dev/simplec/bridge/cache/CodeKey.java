package dev.simplec.bridge.cache;

import java.util.List;
import java.util.Objects;

import org.eclipse.jdt.annotation.Nullable;

import dev.simplec.api.types.TypeInfo;

/**
 * What compiled code depends on (SPEC §7): the template source, the type arguments, and the
 * backend by name, version and service id. The service id makes an updated backend bundle miss
 * even when its version did not change (a rebuilt snapshot), so a swap never serves stale code.
 * <p>
 * Its hash is computed once: an instantiation asks for it on the lookup, again on the insert, and
 * the clock asks again when the key is evicted (a record would hash the type list each time).
 */
public final class CodeKey {
    private final String source;
    private final List<TypeInfo> types;
    private final String backend;
    private final String version;
    private final long service;
    private final int hash;

    public CodeKey(String source, List<TypeInfo> types, String backend, String version, long service) {
        this.source = source;
        this.types = List.copyOf(types);
        this.backend = backend;
        this.version = version;
        this.service = service;
        this.hash = Objects.hash(source, this.types, backend, version, service);
    }

    public String source() {
        return source;
    }

    public List<TypeInfo> types() {
        return types;
    }

    public String backend() {
        return backend;
    }

    public String version() {
        return version;
    }

    public long service() {
        return service;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CodeKey k && hash == k.hash && service == k.service && source.equals(k.source)
                && types.equals(k.types) && backend.equals(k.backend) && version.equals(k.version);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "CodeKey[" + backend + " " + version + " #" + service + ", " + types + ", " + source.length() + " chars]";
    }
}
