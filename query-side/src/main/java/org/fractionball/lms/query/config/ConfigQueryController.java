package org.fractionball.lms.query.config;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.fractionball.lms.events.config.ConfigType;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.config.ConfigChangeView;
import org.fractionball.lms.projections.config.FeatureFlagView;
import org.fractionball.lms.projections.config.SystemConfigView;
import org.fractionball.lms.query.admin.GeneratedAt;
import org.fractionball.lms.query.web.Filters;
import org.fractionball.lms.query.web.PageRequest;
import org.fractionball.lms.query.web.PagedResponse;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** Contract §5.20.2–§5.20.4 reads (ADMIN): entries, their history, flags and the dashboard. */
@RestController
@Tag(name = "Configuration")
@ReadsFrom(ProjectionNames.CONFIG)
public class ConfigQueryController {
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int HISTORY = 20;
    private static final int RECENT = 10;

    private final QueryGateway queries;

    public ConfigQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "The configuration API root")
    @GetMapping("/api/config/")
    public Map<String, String> root() {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/api/config/").toUriString();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("system", base + "system/");
        body.put("features", base + "features/");
        return body;
    }

    @Operation(summary = "List configuration entries by category and name",
            description = "Filters category, config_type, is_public, is_editable; 20 per page.")
    @GetMapping("/api/config/system/")
    public PagedResponse<Map<String, Object>> configs(
            @RequestParam(name = "category", required = false) String category,
            @RequestParam(name = "config_type", required = false) String configType,
            @RequestParam(name = "is_public", required = false) String isPublic,
            @RequestParam(name = "is_editable", required = false) String isEditable,
            @RequestParam(name = "page", required = false) String page) {
        ConfigFilter filter = new ConfigFilter(category, type(configType), Filters.lenientBoolean(isPublic),
                Filters.lenientBoolean(isEditable));
        PageRequest request = PageRequest.parse(page);
        long count = queries.query(new CountSystemConfigs(filter), Long.class).join();
        int number = request.resolve(count);
        List<SystemConfigView> rows = configs(new FindSystemConfigs(filter, request.offset(number), request.size()));
        return PagedResponse.of(count, number, request.size(), rows.stream().map(ConfigJson::config).toList());
    }

    @Operation(summary = "Every configuration entry grouped by category (unpaginated)")
    @GetMapping("/api/config/system/by_category/")
    public Map<String, Object> byCategory() {
        List<SystemConfigView> rows = configs(new FindSystemConfigs(new ConfigFilter(null, null, null, null), 0, 0));
        Map<String, List<Object>> categories = new LinkedHashMap<>();
        for (SystemConfigView row : rows) {
            categories.computeIfAbsent(row.category(), c -> new ArrayList<>()).add(ConfigJson.config(row));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("categories", categories);
        body.put("total_configs", rows.size());
        return body;
    }

    @Operation(summary = "One configuration entry")
    @GetMapping("/api/config/system/{id}/")
    public Map<String, Object> config(@PathVariable("id") String id) {
        return ConfigJson.config(findConfig(id));
    }

    @Operation(summary = "An entry with its newest 20 value changes (from its events)")
    @GetMapping("/api/config/system/{id}/change_history/")
    public Map<String, Object> changeHistory(@PathVariable("id") String id) {
        SystemConfigView config = findConfig(id);
        List<ConfigChangeView> changes = queries.query(new FindConfigChanges(config.id(), null, HISTORY),
                ResponseTypes.multipleInstancesOf(ConfigChangeView.class)).join();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("config", ConfigJson.config(config));
        body.put("changes", changes.stream().map(ConfigJson::change).toList());
        return body;
    }

    @Operation(summary = "List feature flags by display name", description = "Filters is_enabled, is_permanent; 20 per page.")
    @GetMapping("/api/config/features/")
    public PagedResponse<Map<String, Object>> flags(@RequestParam(name = "is_enabled", required = false) String enabled,
                                                    @RequestParam(name = "is_permanent", required = false) String permanent,
                                                    @RequestParam(name = "page", required = false) String page) {
        Boolean isEnabled = Filters.lenientBoolean(enabled);
        Boolean isPermanent = Filters.lenientBoolean(permanent);
        PageRequest request = PageRequest.parse(page);
        long count = queries.query(new CountFeatureFlags(isEnabled, isPermanent), Long.class).join();
        int number = request.resolve(count);
        List<FeatureFlagView> rows = flags(new FindFeatureFlags(isEnabled, isPermanent, request.offset(number),
                request.size()));
        return PagedResponse.of(count, number, request.size(), rows.stream().map(ConfigJson::flag).toList());
    }

    @Operation(summary = "One feature flag")
    @GetMapping("/api/config/features/{id}/")
    public Map<String, Object> flag(@PathVariable("id") String id) {
        return queries.query(new FindFeatureFlag(uuid(id)), ResponseTypes.optionalInstanceOf(FeatureFlagView.class))
                .join().map(ConfigJson::flag).orElseThrow(() -> QueryRejected.notFound("FeatureFlag"));
    }

    @Operation(summary = "Configuration dashboard: counts, the last week's value changes, categories")
    @GetMapping("/api/config/dashboard/")
    public Map<String, Object> dashboard() {
        List<SystemConfigView> configs = configs(new FindSystemConfigs(new ConfigFilter(null, null, null, null), 0, 0));
        List<FeatureFlagView> flags = flags(new FindFeatureFlags(null, null, 0, 0));
        List<ConfigChangeView> recent = queries.query(new FindConfigChanges(null,
                        Instant.now().minus(Duration.ofDays(7)), RECENT),
                ResponseTypes.multipleInstancesOf(ConfigChangeView.class)).join();
        Map<String, Object> configStats = new LinkedHashMap<>();
        configStats.put("total_configs", configs.size());
        configStats.put("public_configs", configs.stream().filter(SystemConfigView::isPublic).count());
        configStats.put("editable_configs", configs.stream().filter(SystemConfigView::editable).count());
        Map<String, Object> flagStats = new LinkedHashMap<>();
        flagStats.put("total_flags", flags.size());
        flagStats.put("enabled_flags", flags.stream().filter(FeatureFlagView::enabled).count());
        flagStats.put("permanent_flags", flags.stream().filter(FeatureFlagView::permanent).count());
        Map<String, Long> perCategory = new TreeMap<>();
        configs.forEach(config -> perCategory.merge(config.category(), 1L, Long::sum));
        List<Map<String, Object>> categories = new ArrayList<>();
        perCategory.forEach((category, count) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("category", category);
            row.put("count", count);
            categories.add(row);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("config_stats", configStats);
        body.put("flag_stats", flagStats);
        body.put("recent_changes", recent.stream().map(ConfigQueryController::recentChange).toList());
        body.put("categories", categories);
        body.put("generated_at", GeneratedAt.now());
        return body;
    }

    private static Map<String, Object> recentChange(ConfigChangeView change) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("config_name", change.configName());
        row.put("config_key", change.configKey());
        row.put("old_value", shortened(change.oldValue()));
        row.put("new_value", shortened(change.newValue()));
        row.put("changed_by", change.changedBy() == null || change.changedByName() == null ? "System"
                : change.changedByName());
        row.put("changed_at", change.changedAt());
        return row;
    }

    private static String shortened(String value) {
        return value.length() > 50 ? value.substring(0, 50) + "..." : value;
    }

    private SystemConfigView findConfig(String id) {
        return queries.query(new FindSystemConfig(uuid(id)), ResponseTypes.optionalInstanceOf(SystemConfigView.class))
                .join().orElseThrow(() -> QueryRejected.notFound("SystemConfig"));
    }

    private List<SystemConfigView> configs(FindSystemConfigs query) {
        return queries.query(query, ResponseTypes.multipleInstancesOf(SystemConfigView.class)).join();
    }

    private List<FeatureFlagView> flags(FindFeatureFlags query) {
        return queries.query(query, ResponseTypes.multipleInstancesOf(FeatureFlagView.class)).join();
    }

    /** A router path id: a malformed one is the plain JSON 404 (§0.1). */
    private static UUID uuid(String id) {
        if (!UUID_SHAPE.matcher(id).matches()) {
            throw QueryRejected.plainNotFound();
        }
        return UUID.fromString(id);
    }

    private static ConfigType type(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        ConfigType type = ConfigType.parse(value);
        if (type == null) {
            throw QueryRejected.filter("config_type",
                    "Select a valid choice. " + value + " is not one of the available choices.");
        }
        return type;
    }
}
