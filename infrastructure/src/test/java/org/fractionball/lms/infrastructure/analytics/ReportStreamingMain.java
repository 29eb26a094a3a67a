package org.fractionball.lms.infrastructure.analytics;

import org.fractionball.lms.query.reports.ReportStreams;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.LocalDate;

/**
 * Streams one views report in a JVM of its own (started by {@link ReportStreamingMemoryIT} with a small
 * heap) into a stream that only counts, then prints {@code rows bytes peakHeapBytes maxHeapBytes}.
 * Arguments: JDBC URL, user, password, school id, start date, end date.
 */
public final class ReportStreamingMain {

    private ReportStreamingMain() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        dataSource.setPassword(args[2]);
        long[] bytes = new long[1];
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                bytes[0]++;
            }

            @Override
            public void write(byte[] buffer, int offset, int length) {
                bytes[0] += length;
            }
        };
        long rows = new ReportStreams(dataSource).views(Long.valueOf(args[3]), LocalDate.parse(args[4]),
                LocalDate.parse(args[5]), counting);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println(rows + " " + bytes[0] + " " + peak + " " + Runtime.getRuntime().maxMemory());
    }
}
