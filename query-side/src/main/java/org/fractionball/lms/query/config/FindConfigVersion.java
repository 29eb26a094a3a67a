package org.fractionball.lms.query.config;

/** The version of the configuration read model, raised by every change the projection applies. */
public record FindConfigVersion() {
}
