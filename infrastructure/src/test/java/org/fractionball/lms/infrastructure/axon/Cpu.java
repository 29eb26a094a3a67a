package org.fractionball.lms.infrastructure.axon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time from {@code /proc} (Linux; elsewhere every figure is zero): the machine's busy and
 * total ticks, this JVM's, and those of the given PostgreSQL backends.
 */
record Cpu(long nanoTime, long busy, long total, long jvm, Map<Integer, Long> backends) {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux this runs on. */
    private static final int TICKS_PER_SECOND = 100;

    static Cpu sample(List<Integer> backendPids) {
        Map<Integer, Long> backends = new HashMap<>();
        for (int pid : backendPids) {
            backends.put(pid, backendTicks(pid));
        }
        return sample(backends);
    }

    /** A sample with the backends' CPU ticks as given (a backend's last reading, when it is gone). */
    static Cpu sample(Map<Integer, Long> backendTicks) {
        long now = System.nanoTime();
        long[] machine = machine();
        return new Cpu(now, machine[0], machine[1], processTicks("/proc/self/stat"), Map.copyOf(backendTicks));
    }

    /** CPU ticks of a PostgreSQL backend so far, 0 when it is gone. */
    static long backendTicks(int pid) {
        return processTicks("/proc/" + pid + "/stat");
    }

    /** Cores used, on average between the two samples, by processes other than this JVM and its backends. */
    static double otherCores(Cpu start, Cpu end) {
        long total = end.total - start.total;
        if (total <= 0) {
            return 0;
        }
        return Math.max(0, (double) (end.busy - start.busy - ours(start, end)) / total * CORES);
    }

    /** CPU time of this JVM and its backends between the two samples, in microseconds. */
    static double oursMicros(Cpu start, Cpu end) {
        return ours(start, end) * 1_000_000.0 / TICKS_PER_SECOND;
    }

    /** CPU time of the given PostgreSQL backends alone between the two samples, in microseconds. */
    static double backendMicros(Cpu start, Cpu end) {
        long ticks = 0;
        for (Map.Entry<Integer, Long> backend : end.backends.entrySet()) {
            ticks += backend.getValue() - start.backends.getOrDefault(backend.getKey(), 0L);
        }
        return ticks * 1_000_000.0 / TICKS_PER_SECOND;
    }

    private static long ours(Cpu start, Cpu end) {
        long ours = end.jvm - start.jvm;
        for (Map.Entry<Integer, Long> backend : end.backends.entrySet()) {
            ours += backend.getValue() - start.backends.getOrDefault(backend.getKey(), 0L);
        }
        return ours;
    }

    /** Waits until the whole machine used less than a quarter of a core for two seconds in a row. */
    static void awaitIdle(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        int quietSeconds = 0;
        long[] before = machine();
        while (quietSeconds < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long[] after = machine();
            long total = after[1] - before[1];
            double cores = total <= 0 ? 0 : (double) (after[0] - before[0]) / total * CORES;
            quietSeconds = cores < 0.25 ? quietSeconds + 1 : 0;
            before = after;
        }
        if (quietSeconds < 2) {
            System.out.printf(Locale.ROOT, "[benchmark] the machine did not become idle within %s; running anyway%n", max);
        }
    }

    /** {busy, total} ticks of all cores, from the first line of /proc/stat. */
    private static long[] machine() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long[] ticks = Arrays.stream(fields, 1, Math.min(fields.length, 9)).mapToLong(Long::parseLong).toArray();
            long total = Arrays.stream(ticks).sum();
            long idle = ticks[3] + ticks[4];
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {0, 0};
        }
    }

    /** utime + stime of a process ({@code /proc/<pid>/stat} fields 14 and 15); 0 when it is gone. */
    private static long processTicks(String statFile) {
        try {
            String stat = Files.readString(Path.of(statFile));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
