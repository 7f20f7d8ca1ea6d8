package dev.simplec.bridge;

import dev.simplec.api.service.CacheStats;
import dev.simplec.api.service.SessionStats;

/**
 * The JSON of {@code compiler_stats} (docs/abi.md): one object per cache, in the order serialize,
 * deserialize, instantiate, each with the fields hits, misses, evictions, size, capacity, no spaces:
 * {@code {"serialize":{"hits":0,"misses":1,"evictions":0,"size":1,"capacity":1024},"deserialize":{…},"instantiate":{…}}}.
 */
final class StatsJson {
    private StatsJson() {
    }

    static String write(SessionStats stats) {
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        cache(sb, "serialize", stats.serialize()).append(',');
        cache(sb, "deserialize", stats.deserialize()).append(',');
        cache(sb, "instantiate", stats.instantiate());
        return sb.append('}').toString();
    }

    private static StringBuilder cache(StringBuilder sb, String name, CacheStats c) {
        return sb.append('"').append(name).append("\":{\"hits\":").append(c.hits())
                .append(",\"misses\":").append(c.misses())
                .append(",\"evictions\":").append(c.evictions())
                .append(",\"size\":").append(c.size())
                .append(",\"capacity\":").append(c.capacity())
                .append('}');
    }
}
