package org.fractionball.lms.events.content;

import java.util.Locale;

/** The computed strings of contract §3.12, shared by command answers and read views. */
public final class ContentFormats {
    private static final double KB = 1024.0;
    private static final double MB = 1024.0 * 1024;
    private static final double GB = 1024.0 * 1024 * 1024;

    private ContentFormats() {
    }

    /** {@code Video.duration_formatted}: "Unknown" for null or 0, else MM:SS (minutes at least two digits). */
    public static String duration(Integer seconds) {
        if (seconds == null || seconds == 0) {
            return "Unknown";
        }
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }

    /** {@code Video.file_size_formatted}: KB below 1 MiB, MB below 1 GiB, else GB; one decimal. */
    public static String videoFileSize(Long bytes) {
        if (bytes == null || bytes == 0) {
            return "Unknown";
        }
        if (bytes / MB < 1) {
            return oneDecimal(bytes / KB) + " KB";
        }
        if (bytes / MB < 1024) {
            return oneDecimal(bytes / MB) + " MB";
        }
        return oneDecimal(bytes / GB) + " GB";
    }

    /** {@code Resource.file_size_formatted}: B below 1 KiB, then KB, MB, GB; one decimal. */
    public static String resourceFileSize(Long bytes) {
        if (bytes == null || bytes == 0) {
            return "Unknown";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < MB) {
            return oneDecimal(bytes / KB) + " KB";
        }
        if (bytes < GB) {
            return oneDecimal(bytes / MB) + " MB";
        }
        return oneDecimal(bytes / GB) + " GB";
    }

    private static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
