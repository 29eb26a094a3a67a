package org.fractionball.lms.query.content;

public record CountContentItems(ContentFilter filter) {
}
