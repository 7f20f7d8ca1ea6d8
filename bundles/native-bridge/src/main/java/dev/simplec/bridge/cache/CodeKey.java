package dev.simplec.bridge.cache;

import java.util.List;

import dev.simplec.api.types.TypeInfo;

/**
 * What compiled code depends on (SPEC §7): the template source, the type arguments, and the
 * backend by name, version and service id. The service id makes an updated backend bundle miss
 * even when its version did not change (a rebuilt snapshot), so a swap never serves stale code.
 */
public record CodeKey(String source, List<TypeInfo> types, String backend, String version, long service) {
}
