package org.fractionball.lms.command.storage;

/**
 * An object as storage holds it: its size, the content type it was stored with, and its first
 * bytes (at most {@link #HEAD_BYTES}) so the completing step can check what the bytes really are.
 */
public record StoredBlob(String path, long size, String contentType, byte[] head) {
    public static final int HEAD_BYTES = 8192;
}
