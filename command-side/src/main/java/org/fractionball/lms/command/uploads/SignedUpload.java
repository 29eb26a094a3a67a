package org.fractionball.lms.command.uploads;

import org.fractionball.lms.command.storage.SignedUrl;

/** The answer to {@link SignUpload}: where to PUT the bytes, and the URL the item will have. */
public record SignedUpload(SignedUrl uploadUrl, String publicUrl) {
}
