package dev.simplec.benchmarks.codegen;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Secondary results beside the wall-clock one: the CPU time the benchmark thread spent
 * ({@code cpuMicros}, from {@code ThreadMXBean.getCurrentThreadCpuTime}) and the operations it did
 * ({@code ops}) in each iteration. JMH sums such counters over the measurement iterations, so
 * {@code cpuMicros / ops} is the CPU time of one operation. On a machine shared with other builds
 * the wall-clock time of an operation grows with the load (the thread waits for a core), its CPU
 * time much less, so the backends compare better by CPU time when the machine is busy. It leaves
 * out work on other threads (the JIT compiler, GC), which does not belong to one backend.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU microseconds of the benchmark thread in the iteration. */
    public double cpuMicros;
    /** Operations in the iteration (JMH zeroes the counters when an iteration starts). */
    public long ops;

    private long start;

    @Setup(Level.Iteration)
    public void start() {
        start = THREADS.getCurrentThreadCpuTime();
    }

    /** Counts one operation: an increment, nothing next to a compile. */
    void count() {
        ops++;
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuMicros = (THREADS.getCurrentThreadCpuTime() - start) / 1e3;
    }
}
