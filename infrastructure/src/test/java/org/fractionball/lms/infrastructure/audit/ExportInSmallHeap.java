package org.fractionball.lms.infrastructure.audit;

import org.fractionball.lms.infrastructure.privacy.JdbcPersonalDataKeys;
import org.fractionball.lms.infrastructure.privacy.PersonalDataProtection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.io.OutputStream;
import java.time.Duration;

/**
 * Run by {@link AuditExportMemoryIT} in a JVM of its own with a small heap: exports every event of
 * the database named by its arguments through the production exporter and prints the lines and
 * bytes written, the time taken and the largest heap use seen.
 * Arguments: JDBC URL, user, password, format (ndjson or csv).
 */
public final class ExportInSmallHeap {
    private ExportInSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(args[0], args[1], args[2]);
        PersonalDataProtection personalData = new PersonalDataProtection(
                new JdbcPersonalDataKeys(new JdbcTemplate(dataSource), Duration.ofSeconds(30), 1000));
        AuditEventReader reader = new AuditEventReader(dataSource, new JdbcTransactionManager(dataSource),
                personalData);
        AuditFilter everything = new AuditFilter(null, null, null, null, null, null, null, null, null, 0);
        LineCounter out = new LineCounter();
        long started = System.nanoTime();
        long events = AuditExportFormat.parse(args[3]).write(reader, everything, out);
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("events=" + events + " lines=" + out.lines + " bytes=" + out.bytes + " millis=" + millis
                + " max-heap-used-mb=" + out.maxHeapUsed / (1024 * 1024)
                + " max-heap-mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    /** Counts what the exporter writes (and samples the heap as it goes) instead of keeping it. */
    private static final class LineCounter extends OutputStream {
        private long lines;
        private long bytes;
        private long maxHeapUsed;

        @Override
        public void write(int b) {
            count((byte) b);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                count(buffer[i]);
            }
            Runtime runtime = Runtime.getRuntime();
            maxHeapUsed = Math.max(maxHeapUsed, runtime.totalMemory() - runtime.freeMemory());
        }

        private void count(byte b) {
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }
    }
}
