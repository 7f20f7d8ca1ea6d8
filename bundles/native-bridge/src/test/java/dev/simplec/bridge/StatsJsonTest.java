package dev.simplec.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.SessionStats;

/** The JSON of compiler_stats, exactly as docs/abi.md and compiler_ffi.h give it. */
class StatsJsonTest {
    @Test
    void oneObjectPerCacheInTheDocumentedOrder() {
        SessionStats stats = new SessionStats(7, "aarch64", new CacheStats(0, 1, 0, 1, 1024),
                new CacheStats(1, 1, 0, 1, 1024), new CacheStats(12345678901L, 2, 3, 4, 4096));
        assertEquals("{\"serialize\":{\"hits\":0,\"misses\":1,\"evictions\":0,\"size\":1,\"capacity\":1024},"
                + "\"deserialize\":{\"hits\":1,\"misses\":1,\"evictions\":0,\"size\":1,\"capacity\":1024},"
                + "\"instantiate\":{\"hits\":12345678901,\"misses\":2,\"evictions\":3,\"size\":4,\"capacity\":4096}}",
                StatsJson.write(stats));
    }
}
