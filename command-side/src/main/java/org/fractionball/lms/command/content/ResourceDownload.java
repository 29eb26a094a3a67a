package org.fractionball.lms.command.content;

import org.fractionball.lms.command.storage.SignedUrl;

import java.util.UUID;

/** The answer to {@link DownloadResource}. */
public record ResourceDownload(SignedUrl url, String filename, UUID downloadId) {
}
