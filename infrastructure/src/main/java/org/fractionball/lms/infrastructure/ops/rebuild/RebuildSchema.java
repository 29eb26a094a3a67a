package org.fractionball.lms.infrastructure.ops.rebuild;

import org.fractionball.lms.projections.ProjectionTables;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of a blue/green rebuild. Version N+1 of a group is built in the schema
 * {@code rebuild_<group>}: a copy of each table the group owns with the same columns, defaults,
 * generated columns, checks, constraints, indexes and triggers under the same names (so once moved
 * into {@code public} the tables are indistinguishable from what the migrations made), and a
 * sequence of its own for each serial column. The indexes only queries use are built once the
 * replay has caught up ({@link #indexesToBuild}), not maintained through it. The switch moves the live tables into
 * {@code retired_<group>} and the new ones into {@code public} in the caller's transaction.
 * Group names are fixed identifiers ({@code ProjectionNames}), so they are safe in DDL.
 */
final class RebuildSchema {
    private RebuildSchema() {
    }

    static String building(String group) {
        return "rebuild_" + group;
    }

    static String retired(String group) {
        return "retired_" + group;
    }

    /**
     * Creates the empty copies, replacing any leftover of an earlier attempt. Runs in the caller's
     * transaction; definitions are read with only {@code pg_catalog} on the search path, so every
     * name in them comes qualified and can be pointed at the copies exactly.
     */
    static void create(JdbcTemplate jdbc, String group) {
        String schema = building(group);
        List<String> tables = ProjectionTables.ownedBy(group);
        dropLeftovers(jdbc, group);
        jdbc.execute("SET LOCAL search_path = pg_catalog");
        jdbc.execute("CREATE SCHEMA " + schema);
        List<String> later = new ArrayList<>();
        Set<String> deferred = new HashSet<>(ProjectionTables.deferredIndexesOf(group));
        for (String table : tables) {
            String live = "public." + table;
            String copy = schema + "." + table;
            jdbc.execute("CREATE TABLE " + copy + " (LIKE " + live + " INCLUDING ALL EXCLUDING INDEXES)");
            for (Map<String, Object> serial : jdbc.queryForList("""
                    SELECT a.attname AS col, s.relname AS seq
                    FROM pg_attribute a
                    JOIN pg_depend d ON d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'a'
                    JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                    WHERE a.attrelid = ?::regclass""", live)) {
                String sequence = schema + "." + serial.get("seq");
                jdbc.execute("CREATE SEQUENCE " + sequence + " OWNED BY " + copy + "." + serial.get("col"));
                jdbc.execute("ALTER TABLE " + copy + " ALTER COLUMN " + serial.get("col")
                        + " SET DEFAULT nextval('" + sequence + "')");
            }
            for (Map<String, Object> constraint : jdbc.queryForList("""
                    SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
                    WHERE conrelid = ?::regclass AND contype IN ('p', 'u', 'x', 'f') ORDER BY contype DESC, conname""",
                    live)) {
                String add = "ALTER TABLE " + copy + " ADD CONSTRAINT " + constraint.get("conname") + " "
                        + pointedAtCopies((String) constraint.get("def"), schema, tables, "REFERENCES public.%s(",
                        "REFERENCES %s.%s(");
                if ("f".equals(constraint.get("contype"))) {
                    later.add(add);
                } else {
                    jdbc.execute(add);
                }
            }
            for (Map<String, Object> index : indexesOf(jdbc, live)) {
                if (!deferred.remove((String) index.get("name"))) {
                    jdbc.execute(onCopy((String) index.get("def"), live, copy));
                }
            }
            jdbc.queryForList("SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = ?::regclass "
                    + "AND NOT tgisinternal", String.class, live).forEach(trigger -> jdbc.execute(onCopy(trigger, live, copy)));
        }
        if (!deferred.isEmpty()) {
            throw new IllegalStateException("Indexes to build after the replay of " + group
                    + " are not on its tables: " + deferred);
        }
        later.forEach(jdbc::execute);
    }

    /**
     * By name, the definitions, pointed at the copies, of the live tables' indexes that were left out
     * of the copies until the replay is done ({@link ProjectionTables#deferredIndexesOf}) and are not
     * there yet; empty once all are built.
     */
    static Map<String, String> indexesToBuild(JdbcTemplate jdbc, String group) {
        List<String> deferred = ProjectionTables.deferredIndexesOf(group);
        Map<String, String> missing = new LinkedHashMap<>();
        // the biggest tables' indexes first, so that builders running side by side finish together
        List<String> tables = jdbc.queryForList("""
                SELECT t FROM unnest(?::text[]) AS t
                ORDER BY pg_catalog.pg_relation_size((? || '.' || t)::regclass) DESC, t""", String.class,
                ProjectionTables.ownedBy(group).toArray(String[]::new), building(group));
        for (String table : tables) {
            String live = "public." + table;
            String copy = building(group) + "." + table;
            Set<String> built = new HashSet<>();
            indexesOf(jdbc, copy).forEach(index -> built.add((String) index.get("name")));
            for (Map<String, Object> index : indexesOf(jdbc, live)) {
                String name = (String) index.get("name");
                if (deferred.contains(name) && !built.contains(name)) {
                    missing.put(name, onCopy((String) index.get("def"), live, copy));
                }
            }
        }
        return missing;
    }

    /** The table's indexes that no constraint owns, by name, with their definitions (names qualified). */
    private static List<Map<String, Object>> indexesOf(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList("""
                SELECT c.relname AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS def
                FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
                WHERE i.indrelid = ?::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conindid = i.indexrelid)
                ORDER BY c.relname""", table);
    }

    /**
     * Puts the copies live in the caller's transaction: the live tables (with their sequences,
     * indexes and triggers) into {@code retired_<group>}, then the copies into {@code public}.
     */
    static void switchTables(JdbcTemplate jdbc, String group) {
        String retired = retired(group);
        jdbc.execute("DROP SCHEMA IF EXISTS " + retired + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + retired);
        List<String> tables = ProjectionTables.ownedBy(group);
        tables.forEach(table -> jdbc.execute("ALTER TABLE public." + table + " SET SCHEMA " + retired));
        tables.forEach(table -> jdbc.execute("ALTER TABLE " + building(group) + "." + table + " SET SCHEMA public"));
    }

    /** Drops what a finished or abandoned rebuild left: the retired tables and the (emptied) build schema. */
    static void dropLeftovers(JdbcTemplate jdbc, String group) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + retired(group) + " CASCADE");
        jdbc.execute("DROP SCHEMA IF EXISTS " + building(group) + " CASCADE");
    }

    private static String onCopy(String definition, String live, String copy) {
        String on = " ON " + live + " ";
        if (!definition.contains(on)) {
            throw new IllegalStateException("Cannot copy a definition that is not on " + live + ": " + definition);
        }
        return definition.replace(on, " ON " + copy + " ");
    }

    private static String pointedAtCopies(String definition, String schema, List<String> tables, String from,
                                          String to) {
        String result = definition;
        for (String table : tables) {
            result = result.replace(from.formatted(table), to.formatted(schema, table));
        }
        return result;
    }
}
