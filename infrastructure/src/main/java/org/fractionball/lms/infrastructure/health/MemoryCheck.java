package org.fractionball.lms.infrastructure.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Memory: the JVM heap against its maximum, WARNING above 80 %, CRITICAL above 95 %. The machine's
 * (or container's) memory is shown but not judged: the kernel's free figure leaves out reclaimable
 * page cache, so it would alarm on every busy host; its alert is Prometheus' (ops/prometheus).
 */
@Component("memoryHealthIndicator")
public class MemoryCheck extends OpsCheck {
    private final double warning;
    private final double critical;

    public MemoryCheck(@Value("${lms.health.memory-warning:0.80}") double warning,
                       @Value("${lms.health.memory-critical:0.95}") double critical) {
        this.warning = warning;
        this.critical = critical;
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    protected CheckResult measure() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double heapUsed = (double) heap.getUsed() / max;
        CheckResult.Builder result = CheckResult.healthy()
                .detail("heap_used_bytes", heap.getUsed())
                .detail("heap_max_bytes", max)
                .detail("heap_used_ratio", Math.round(heapUsed * 1000) / 1000.0)
                .raise(HealthLevel.of(heapUsed, warning, critical), String.format("heap %.1f %% used", heapUsed * 100));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                && os.getTotalMemorySize() > 0) {
            double systemUsed = 1.0 - (double) os.getFreeMemorySize() / os.getTotalMemorySize();
            result.detail("system_total_bytes", os.getTotalMemorySize())
                    .detail("system_used_ratio", Math.round(systemUsed * 1000) / 1000.0);
        }
        return result.build();
    }
}
