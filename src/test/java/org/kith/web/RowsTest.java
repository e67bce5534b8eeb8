package org.kith.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.kith.applications.ApplicationStatus;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.RowMapper;

/**
 * Rows map snake_case and camelCase columns into records, with the conversions Spring's own mapper makes, and never
 * look a column up by a name the result set may not have: on H2 each such miss is an exception with a stack trace
 * written to the trace file.
 */
class RowsTest {

    record Row(long id, String displayName, ApplicationStatus status, BigDecimal amountAwarded, LocalDateTime paidAt,
            Integer peopleReached, boolean enabled) {
    }

    @Test
    void mapsByColumnNameWithoutAskingForNamesThatAreNotThere() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:rows-test")) {
            ResultSet results = c.createStatement().executeQuery("""
                    SELECT 7 AS id, 'Leith' AS display_name, 'FUNDED' AS status, 1250.50 AS amount_awarded,
                      TIMESTAMP '2026-11-30 10:15:00' AS paid_at, CAST(NULL AS INT) AS peopleReached, TRUE AS enabled
                    UNION ALL
                    SELECT 8, 'Govan', 'DECLINED', NULL, NULL, 40, FALSE""");
            AtomicInteger lookups = new AtomicInteger();
            ResultSet watched = (ResultSet) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                        if (method.getName().equals("findColumn")) {
                            lookups.incrementAndGet();
                        }
                        return method.invoke(results, args);
                    });
            RowMapper<Row> rows = Rows.of(Row.class);
            List<Row> mapped = new ArrayList<>();
            int n = 0;
            while (watched.next()) {
                mapped.add(rows.mapRow(watched, n++));
            }
            assertThat(mapped).containsExactly(
                    new Row(7, "Leith", ApplicationStatus.FUNDED, new BigDecimal("1250.50"),
                            LocalDateTime.of(2026, 11, 30, 10, 15), null, true),
                    new Row(8, "Govan", ApplicationStatus.DECLINED, null, null, 40, false));
            assertThat(lookups).as("columns resolved from the metadata, never by trial").hasValue(0);
        }
    }

    /** Spring's own record mapper stays out of our code: {@code .query(X.class)} only for single values. */
    @Test
    void noQueryMapsARecordBySpringsTrialLookups() throws java.io.IOException {
        java.util.Set<String> singleValues = java.util.Set.of("String", "Long", "Integer", "BigDecimal", "Boolean",
                "LocalDate", "LocalDateTime", "Timestamp", "Instant", "Double", "byte[]");
        java.util.regex.Pattern query = java.util.regex.Pattern.compile("\\.query\\(([A-Z][A-Za-z.\\[\\]]*)\\.class\\)");
        List<String> offenders = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("src/main/java"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var m = query.matcher(java.nio.file.Files.readString(file));
                while (m.find()) {
                    if (!singleValues.contains(m.group(1))) {
                        offenders.add(file.getFileName() + ": " + m.group());
                    }
                }
            }
        }
        assertThat(offenders).as("use .query(Rows.of(X.class))").isEmpty();
    }

    @Test
    void aMissingColumnIsAClearMistake() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:rows-test-2")) {
            ResultSet results = c.createStatement().executeQuery("SELECT 7 AS id");
            results.next();
            assertThatThrownBy(() -> Rows.of(Row.class).mapRow(results, 0))
                    .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("Row.displayName");
        }
    }
}
