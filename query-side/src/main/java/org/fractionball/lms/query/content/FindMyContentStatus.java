package org.fractionball.lms.query.content;

/** The review state of one user's own videos, in every school (contract §5.17.8). */
public record FindMyContentStatus(long ownerId) {
}
