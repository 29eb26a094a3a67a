package org.fractionball.lms.query.admin;

import java.util.Map;

/** Named figures in the order the contract lists them (a concrete type, so query routing matches it). */
public record Figures(Map<String, Object> values) {
}
