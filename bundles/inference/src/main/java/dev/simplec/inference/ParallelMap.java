package dev.simplec.inference;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps a function over a list on the common fork-join pool (seed §11.3): the caller and up to the
 * pool's parallelism of workers take chunks of {@link #CHUNK} items from one counter until none
 * are left. A parallel stream splits a list into a few large leaves (four of 250 items for 1,000
 * on two cores), so one thread can idle while the other finishes a leaf; small chunks taken on
 * demand keep both busy to the end, whatever else runs on the machine.
 */
final class ParallelMap {
    /** Items taken at a time: a few templates (well under a millisecond), so the threads finish together. */
    static final int CHUNK = 4;

    private ParallelMap() {
    }

    /** {@code f} of each item, in input order (an immutable list; {@code f} must not answer null). */
    static <T, R> List<R> map(List<T> items, Function<T, R> f) {
        int n = items.size();
        Object[] out = new Object[n];
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndAdd(CHUNK); i < n; i = next.getAndAdd(CHUNK)) {
                int end = Math.min(n, i + CHUNK);
                for (int j = i; j < end; j++) {
                    out[j] = f.apply(items.get(j));
                }
            }
        };
        int chunks = (n + CHUNK - 1) / CHUNK;
        ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[Math.max(0, Math.min(ForkJoinPool.getCommonPoolParallelism(), chunks - 1))];
        for (int k = 0; k < helpers.length; k++) {
            helpers[k] = ForkJoinPool.commonPool().submit(work);
        }
        work.run();
        for (ForkJoinTask<?> h : helpers) {
            // Also publishes the helpers' writes to out; a helper that never started finds no work left.
            h.join();
        }
        @SuppressWarnings("unchecked")
        List<R> answers = (List<R>) List.of(out);
        return answers;
    }
}
