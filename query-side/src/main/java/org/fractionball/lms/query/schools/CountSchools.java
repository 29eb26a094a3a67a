package org.fractionball.lms.query.schools;

public record CountSchools(Boolean active) {
}
