package org.fractionball.lms.infrastructure.health;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.FileStore;
import java.nio.file.Path;

/** Disk usage of the volume holding {@code lms.health.disk.path}: WARNING above 85 %, CRITICAL above 95 %. */
@Component("diskHealthIndicator")
public class DiskCheck extends OpsCheck {
    private final Path path;
    private final double warning;
    private final double critical;

    public DiskCheck(@Value("${lms.health.disk.path:.}") String path,
                     @Value("${lms.health.disk.warning:0.85}") double warning,
                     @Value("${lms.health.disk.critical:0.95}") double critical) {
        // a String, as Spring would resolve a Path value as a resource of the web app
        this.path = Path.of(path);
        this.warning = warning;
        this.critical = critical;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    protected CheckResult measure() throws Exception {
        FileStore store = Files.getFileStore(path);
        long total = store.getTotalSpace();
        long free = store.getUsableSpace();
        double used = total == 0 ? 0 : 1.0 - (double) free / total;
        return CheckResult.healthy()
                .detail("path", path.toAbsolutePath().normalize().toString())
                .detail("total_bytes", total)
                .detail("free_bytes", free)
                .detail("used_ratio", Math.round(used * 1000) / 1000.0)
                .raise(HealthLevel.of(used, warning, critical), String.format("disk %.1f %% used", used * 100))
                .build();
    }
}
