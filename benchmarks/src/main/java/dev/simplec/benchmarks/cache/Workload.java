package dev.simplec.benchmarks.cache;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The repeated-instantiation workload of the cache bar: 1,000 templates, each instantiated once
 * per round for 100 rounds (100,000 calls), the type argument chosen from i64, f64, i32 and f32
 * with Zipf weights 1, 1/2, 1/3, 1/4 (48 %, 24 %, 16 %, 12 %). Two ways to choose:
 * <ul>
 * <li>{@code per-template}: once per template, so each template is re-instantiated with the types
 * it was first instantiated with (a program's call sites): 1,000 distinct instantiations, so at
 * most 99,000 of the 100,000 calls can hit;
 * <li>{@code per-call}: afresh for every call: about 4,000 distinct instantiations.
 * </ul>
 * Reproducible: the choices come from a fixed seed.
 */
final class Workload {
    static final int TEMPLATES = 1_000;
    static final int ROUNDS = 100;

    static final String[] TYPES = {
        "[{\"kind\":\"int\",\"bits\":64,\"signed\":true}]",
        "[{\"kind\":\"float\",\"bits\":64}]",
        "[{\"kind\":\"int\",\"bits\":32,\"signed\":true}]",
        "[{\"kind\":\"float\",\"bits\":32}]",
    };

    final String[] sources = new String[TEMPLATES];
    /** choice[round * TEMPLATES + template]: an index into {@link #TYPES}. */
    final byte[] choice = new byte[ROUNDS * TEMPLATES];

    Workload(boolean perCall) {
        String[] bodies = {"x * y + x", "x + y * y", "(x - y) * (x + y)", "x * x + y * y - x"};
        for (int t = 0; t < TEMPLATES; t++) {
            sources[t] = "fn t" + t + "<T: Num>(x: T, y: T) -> T { " + bodies[t % bodies.length] + " }";
        }
        Random random = new Random(2026);
        double[] cumulative = zipf(TYPES.length);
        for (int t = 0; t < TEMPLATES; t++) {
            byte fixed = pick(random, cumulative);
            for (int r = 0; r < ROUNDS; r++) {
                choice[r * TEMPLATES + t] = perCall ? pick(random, cumulative) : fixed;
            }
        }
    }

    /** Distinct (template, types) pairs: the misses no cache can avoid. */
    int distinct() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < choice.length; i++) {
            seen.add((i % TEMPLATES) * TYPES.length + choice[i]);
        }
        return seen.size();
    }

    private static double[] zipf(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / (k + 1);
            c[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            c[k] /= sum;
        }
        return c;
    }

    private static byte pick(Random random, double[] cumulative) {
        double u = random.nextDouble();
        for (byte k = 0; k < cumulative.length - 1; k++) {
            if (u < cumulative[k]) {
                return k;
            }
        }
        return (byte) (cumulative.length - 1);
    }
}
