package org.kith.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.util.FileSystemUtils;

/**
 * Not a test: the deadline rush (issue 9), run only with the bench profile. On one database (the embedded H2
 * default, or MariaDB from KITH_DB_URL) it measures, in one run:
 * <ol>
 * <li>the bare Flowable engine's process starts per second at C = 4, 16, 32 (the baseline, {@link BareEngine});
 * <li>Kith's pairs per second (draft then submit over HTTP, {@link RushLoad}) at the same C, with browser
 * sessions and with API tokens, on one node and (MariaDB) on two nodes in their own JVMs;
 * <li>the ratio of the two, submit p50/p99, errors, CPU per pair, statements per pair (MariaDB);
 * <li>at the end, that every acknowledged submission has its process instance.
 * </ol>
 * Results are printed and appended to target/rush/results.md; docs/performance.md has the command and figures.
 */
@Tag("bench")
class RushBenchmark {

    private static final Path DIR = Path.of("target/rush").toAbsolutePath();
    private static final String PASSWORD = "rush-bench-password";
    private static final String FUND = "social-isolation-and-loneliness";
    private static final int GROUPS_PER_CLIENT = Integer.getInteger("kith.bench.groups-per-client", 4);

    private final List<Integer> concurrencies = integers("kith.bench.concurrency", "4,16,32");
    private final List<Integer> nodeCounts = integers("kith.bench.nodes", mariaDb() ? "1,2" : "1");
    private final List<RushLoad.Credentials> modes = Arrays.stream(
            System.getProperty("kith.bench.credentials", "session,token").split(","))
            .map(m -> RushLoad.Credentials.valueOf(m.trim().toUpperCase())).toList();
    private final Duration warmUp = Duration.ofSeconds(Long.getLong("kith.bench.warmup", 15));
    private final Duration window = Duration.ofSeconds(Long.getLong("kith.bench.window", 60));
    private final Duration nodeWarmUp = Duration.ofSeconds(Long.getLong("kith.bench.node-warmup", 45));
    private final boolean withBaseline = !"false".equals(System.getProperty("kith.bench.baseline"));
    /**
     * The concurrency whose windows node-1's JFR recording is saved for (one file per credentials), or 0 for no
     * recording. The recording runs all along, so take the other figures from a run without it.
     */
    private final int jfrAt = Integer.getInteger("kith.bench.jfr", 0);
    private String tag = UUID.randomUUID().toString().substring(0, 6);
    private final StringBuilder report = new StringBuilder();

    @Test
    void deadlineRush() throws Exception {
        Files.createDirectories(DIR);
        line("## Rush %s on %s (warm-up %d s, window %d s, %s)", LocalDateTime.now().withNano(0),
                mariaDb() ? "MariaDB" : "H2 (embedded default)", warmUp.toSeconds(), window.toSeconds(),
                Runtime.getRuntime().availableProcessors() + " cores");
        Map<Integer, BareEngine.Result> baseline = withBaseline ? baseline() : Map.of();
        if (!withBaseline) {
            table();
        }
        List<Long> acknowledged = new ArrayList<>();
        List<Path> recordings = new ArrayList<>();
        for (int nodes : nodeCounts) {
            List<RushNode> started = startNodes(nodes);
            try {
                List<RushLoad.Applicant> applicants = applicants(concurrencies.stream().max(Integer::compare)
                        .orElseThrow() * GROUPS_PER_CLIENT);
                List<String> urls = started.stream().map(RushNode::baseUrl).toList();
                RushLoad load = new RushLoad(urls, RushLoad.fundId(urls.get(0), FUND));
                // the JIT compiles a fresh node's hot paths for a minute or so: the first run would pay for that
                load.run(applicants.subList(0, 8 * GROUPS_PER_CLIENT), modes.get(0), 8, nodeWarmUp, Duration.ofSeconds(1), () -> 0, () -> -1,
                        () -> { }, () -> { });
                for (RushLoad.Credentials mode : modes) {
                    for (int c : concurrencies) {
                        boolean recorded = c == jfrAt && nodes == nodeCounts.get(0);
                        List<RushLoad.Applicant> clientGroups = applicants.subList(0, c * GROUPS_PER_CLIENT);
                        Path recording = DIR.resolve("node-1-" + mode.name().toLowerCase() + "-c" + c + ".jfr");
                        RushLoad.Result result = load.run(clientGroups, mode, c, warmUp, window,
                                () -> started.stream().mapToLong(RushNode::cpuMillis).sum(), this::statements,
                                () -> { },
                                () -> { if (recorded) started.get(0).dumpRecording(recording, window); });
                        BareEngine.Result engine = baseline.getOrDefault(c, new BareEngine.Result(c, Double.NaN,
                                Double.NaN, 0));
                        line("| %d | %s | %d | %.1f | %.0f | %.0f | %.0f | %d | %.1f | %s | %.0f | %.3f |",
                                c, mode.name().toLowerCase(), nodes, result.pairsPerSecond(), result.submitP50(),
                                result.submitP99(), result.createP99(), result.errors(), result.cpuMillisPerPair(),
                                result.statementsPerPair() < 0 ? "n/a"
                                        : String.format("%.0f", result.statementsPerPair()),
                                engine.startsPerSecond(), result.pairsPerSecond() / engine.startsPerSecond());
                        if (!result.firstError().isEmpty()) {
                            line("first error: %s", result.firstError());
                        }
                        if (recorded) {
                            recordings.add(recording);
                        }
                    }
                }
                acknowledged.addAll(load.acknowledged);
            } finally {
                for (RushNode node : started) {
                    node.close();
                }
            }
        }
        checkNothingLost(acknowledged);
        for (Path recording : recordings) {
            line("%s", JfrHotspots.summary(recording, window));
        }
        Files.writeString(DIR.resolve("results.md"), report + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private Map<Integer, BareEngine.Result> baseline() throws Exception {
        Map<Integer, BareEngine.Result> results = new HashMap<>();
        String url;
        if (mariaDb()) {
            url = System.getProperty("kith.bench.engine-db-url", kithDbUrl().replaceFirst("/([A-Za-z0-9_]+)\\?",
                    "/$1_engine?"));
        } else {
            FileSystemUtils.deleteRecursively(DIR.resolve("engine-h2"));
            url = "jdbc:h2:file:" + DIR.resolve("engine-h2/flowable");
        }
        line("Baseline: bare Flowable engine on `%s`, pool 20, READ COMMITTED, history audit", url.replaceAll("\\?.*", ""));
        try (BareEngine engine = new BareEngine(url, mariaDb() ? dbUser() : "sa", mariaDb() ? dbPassword() : "",
                20)) {
            for (int c : concurrencies) {
                BareEngine.Result result = engine.run(c, warmUp, window);
                results.put(c, result);
                line("- C=%d: %.0f starts/s, %.1f ms CPU per start, %d errors", c, result.startsPerSecond(),
                        result.cpuMillisPerStart(), result.errors());
            }
        }
        table();
        return results;
    }

    private void table() {
        line("");
        line("| C | credentials | nodes | pairs/s | submit p50 ms | submit p99 ms | draft p99 ms | errors | node CPU ms/pair | statements/pair | engine starts/s | ratio |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
    }

    private List<RushNode> startNodes(int count) throws Exception {
        List<RushNode> nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
            if (jfrAt > 0 && i == 1) {
                // on from the start: starting a recording under load re-instruments and re-compiles the node
                jvm.add("-XX:StartFlightRecording:name=rush,settings=default");
            }
            Map<String, String> environment = new HashMap<>();
            List<String> arguments = new ArrayList<>(List.of("--kith.demo-data.portfolio=false"));
            // e.g. -Dkith.bench.node-args=--kith.workflow.bulk-insert=true to measure a setting against its default
            arguments.addAll(Arrays.stream(System.getProperty("kith.bench.node-args", "").split(" "))
                    .filter(a -> !a.isBlank()).toList());
            if (mariaDb()) {
                environment.put("KITH_DB_URL", kithDbUrl());
                environment.put("KITH_DB_USER", dbUser());
                environment.put("KITH_DB_PASSWORD", dbPassword());
                arguments.addAll(List.of("--spring.profiles.active=mysql", "--kith.demo-data.enabled=true",
                        "--kith.demo-data.any-database=true"));
            } else {
                if (i == 1) {
                    FileSystemUtils.deleteRecursively(DIR.resolve("h2"));
                }
                // the embedded default, in a folder of its own; AUTO_SERVER lets this JVM count what was stored
                arguments.add("--spring.datasource.url=" + h2Url());
            }
            RushNode node = RushNode.start("node-" + i, 8180 + i, DIR, jvm, arguments, environment);
            nodes.add(node);
            line("node-%d ready in %.1f s (JVM start to first 200), heap after boot and a full GC %.0f MB", i,
                    node.bootMillis / 1000.0, node.heapAfterGcMb());
        }
        return nodes;
    }

    /** Applicants of their own Scottish charities (light touch at £1,000), made in the database directly. */
    private List<RushLoad.Applicant> applicants(int count) throws Exception {
        String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
        List<RushLoad.Applicant> applicants = new ArrayList<>();
        try (Connection db = connect()) {
            for (int i = 0; i < count; i++) {
                String username = "rush-" + tag + "-" + i;
                long organisation = insert(db, """
                        INSERT INTO organisation (name, legal_form, org_identifier, postcode, local_authority,
                          annual_income, created_at) VALUES (?, 'SCOTTISH_CHARITY', ?, 'EH1 1AA',
                          'City of Edinburgh', 12000.00, CURRENT_TIMESTAMP)""",
                        "Rush group " + tag + " " + i, "GB-SC-R" + tag.toUpperCase() + i);
                long user = insert(db, """
                        INSERT INTO app_user (username, password_hash, display_name, email, email_key,
                          organisation_id, enabled, email_confirmed_at, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)""",
                        username, hash, "Rush applicant " + i, username + "@example.org", username + "@example.org",
                        organisation);
                try (PreparedStatement role = db.prepareStatement(
                        "INSERT INTO user_role (user_id, role) VALUES (?, 'APPLICANT')")) {
                    role.setLong(1, user);
                    role.executeUpdate();
                }
                applicants.add(new RushLoad.Applicant(username, PASSWORD));
            }
        }
        tag = UUID.randomUUID().toString().substring(0, 6);
        return applicants;
    }

    private static long insert(Connection db, String sql, Object... values) throws Exception {
        try (PreparedStatement insert = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Every submission a node answered 2xx is submitted and has its process instance in the database. */
    private void checkNothingLost(List<Long> acknowledged) throws Exception {
        long found = 0;
        try (Connection db = connect()) {
            for (int from = 0; from < acknowledged.size(); from += 500) {
                List<Long> chunk = acknowledged.subList(from, Math.min(acknowledged.size(), from + 500));
                String ids = String.join(",", chunk.stream().map(String::valueOf).toList());
                try (Statement count = db.createStatement(); ResultSet rs = count.executeQuery("""
                        SELECT COUNT(*) FROM application a JOIN ACT_HI_PROCINST p ON p.ID_ = a.process_instance_id
                        WHERE a.status <> 'DRAFT' AND a.id IN (%s)""".formatted(ids))) {
                    rs.next();
                    found += rs.getLong(1);
                }
            }
        }
        line("");
        line("Acknowledged submissions: %d; with their process instance: %d; lost: %d", acknowledged.size(), found,
                acknowledged.size() - found);
        if (found != acknowledged.size()) {
            throw new AssertionError((acknowledged.size() - found) + " acknowledged submissions have no process");
        }
    }

    /** Statements the server has answered (MariaDB's Questions counter); -1 on H2. */
    private long statements() {
        if (!mariaDb()) {
            return -1;
        }
        try (Connection db = connect(); Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws java.sql.SQLException {
        return mariaDb() ? DriverManager.getConnection(kithDbUrl(), dbUser(), dbPassword())
                : DriverManager.getConnection(h2Url(), "sa", "");
    }

    private static String h2Url() {
        return "jdbc:h2:file:" + DIR.resolve("h2/kith") + ";AUTO_SERVER=TRUE";
    }

    private static boolean mariaDb() {
        return !kithDbUrl().isBlank();
    }

    private static String kithDbUrl() {
        return System.getenv().getOrDefault("KITH_DB_URL", "");
    }

    private static String dbUser() {
        return System.getenv().getOrDefault("KITH_DB_USER", "kith");
    }

    private static String dbPassword() {
        return System.getenv().getOrDefault("KITH_DB_PASSWORD", "");
    }

    private static List<Integer> integers(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
    }

    private void line(String format, Object... values) {
        String text = String.format(format, values);
        System.out.println("[rush] " + text);
        report.append(text).append('\n');
    }
}
