package org.fractionball.lms.query.admin;

public record FindAdminDashboard() {
}
