package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.ConfigType;
import org.fractionball.lms.events.config.FlagDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration and flags every installation starts with (contract §2.9, §2.10; the
 * original's {@code init_system_config}). The enforced ones fall back to these values while their
 * entry is missing (deleted), so deleting one never changes what the application does.
 */
public final class ConfigDefaults {
    public static final String MAX_UPLOAD_SIZE_MB = "system.max_upload_size_mb";
    public static final String MAINTENANCE_MODE = "system.maintenance_mode";
    public static final String VIDEO_DOWNLOADS_DISABLED = "video_downloads_disabled";
    public static final String BULK_UPLOAD_ENABLED = "bulk_upload_enabled";
    public static final String PLAYLIST_SHARING_ENABLED = "playlist_sharing_enabled";
    public static final String CONTENT_APPROVAL_REQUIRED = "content_approval_required";
    public static final String API_RATE_LIMITING_ENABLED = "api_rate_limiting_enabled";

    private static final List<String> ALL_ROLES = List.of("TEACHER", "SCHOOL_ADMIN", "ADMIN");

    public static final Map<String, ConfigDefinition> CONFIGS = new LinkedHashMap<>();
    public static final Map<String, FlagDefinition> FLAGS = new LinkedHashMap<>();

    static {
        config("branding.site_name", "Fraction Ball LMS", ConfigType.STRING, "branding", true, null, null,
                "Site Name", "The name of the site shown in the header and page titles.");
        config("branding.logo_url", "", ConfigType.URL, "branding", true, null, null,
                "Logo URL", "Address of the logo image shown in the header.");
        config("branding.primary_color", "#3B82F6", ConfigType.COLOR, "branding", true, null, null,
                "Primary Color", "Main brand color of the interface.");
        config("branding.secondary_color", "#6B7280", ConfigType.COLOR, "branding", true, null, null,
                "Secondary Color", "Secondary brand color of the interface.");
        config("legal.privacy_policy_url", "/privacy", ConfigType.STRING, "legal", true, null, null,
                "Privacy Policy URL", "Where the privacy policy is published.");
        config("legal.terms_of_service_url", "/terms", ConfigType.STRING, "legal", true, null, null,
                "Terms of Service URL", "Where the terms of service are published.");
        config("legal.support_email", "support@fractionball.edu", ConfigType.EMAIL, "legal", true, null, null,
                "Support Email", "The address users write to for support.");
        config(MAX_UPLOAD_SIZE_MB, "500", ConfigType.INTEGER, "system", false, 1.0, 2000.0,
                "Maximum Upload Size (MB)", "Largest file a user may upload, in megabytes.");
        config("system.session_timeout_minutes", "480", ConfigType.INTEGER, "system", false, 30.0, 1440.0,
                "Session Timeout (minutes)", "How long a session lasts without activity.");
        config(MAINTENANCE_MODE, "false", ConfigType.BOOLEAN, "system", true, null, null,
                "Maintenance Mode", "While on, every change is refused with 503 and reads keep working.");
        config("content.auto_approval_enabled", "false", ConfigType.BOOLEAN, "content", false, null, null,
                "Auto-approval Enabled", "Whether submitted content is approved automatically.");
        config("content.default_video_quality", "720p", ConfigType.STRING, "content", true, null, null,
                "Default Video Quality", "The quality videos play at unless the viewer chooses another.");
        config("analytics.tracking_enabled", "true", ConfigType.BOOLEAN, "analytics", false, null, null,
                "Analytics Tracking Enabled", "Whether video views and downloads are tracked.");
        config("analytics.retention_days", "365", ConfigType.INTEGER, "analytics", false, 30.0, 2555.0,
                "Data Retention (days)", "How long analytics data is kept.");

        flag(VIDEO_DOWNLOADS_DISABLED, "Video Downloads Disabled", true, true, List.of(),
                "Videos can only be streamed, never downloaded as files.");
        flag(BULK_UPLOAD_ENABLED, "Bulk Upload Enabled", true, false, ALL_ROLES,
                "Users may import content from CSV files.");
        flag("advanced_analytics_enabled", "Advanced Analytics Enabled", true, false,
                List.of("SCHOOL_ADMIN", "ADMIN"), "Detailed analytics and reports are available.");
        flag(PLAYLIST_SHARING_ENABLED, "Playlist Sharing Enabled", true, false, ALL_ROLES,
                "Users may share playlists through links.");
        flag(CONTENT_APPROVAL_REQUIRED, "Content Approval Required", true, false, List.of(),
                "Submitted content must be approved by a reviewer before it is published.");
        flag("user_registration_enabled", "User Registration Enabled", false, false, List.of(),
                "New users may register themselves.");
        flag(API_RATE_LIMITING_ENABLED, "API Rate Limiting Enabled", true, false, List.of(),
                "Requests are throttled per user and per client address.");
        flag("external_integrations_enabled", "External Integrations Enabled", true, false, List.of("ADMIN"),
                "Integrations with external services are available.");
    }

    private ConfigDefaults() {
    }

    private static void config(String key, String value, ConfigType type, String category, boolean isPublic,
                               Double min, Double max, String name, String description) {
        CONFIGS.put(key, new ConfigDefinition(value, type, name, description, category, isPublic, true, "", min,
                max));
    }

    private static void flag(String name, String displayName, boolean enabled, boolean permanent,
                             List<String> roles, String description) {
        FLAGS.put(name, new FlagDefinition(displayName, description, enabled, permanent, List.of(), roles));
    }
}
