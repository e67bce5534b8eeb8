package org.kith.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a node's CPU went, from the execution samples of its JFR recording: the share of samples whose stack
 * passes through each area (a sample counts once per area), and the methods most often on top of the stack.
 */
final class JfrHotspots {

    /** Areas by the first matching frame, checked in this order from the top of the stack down. */
    private static final Map<String, List<String>> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("password hashing (bcrypt)", List.of("org.springframework.security.crypto.bcrypt"));
        AREAS.put("JDBC driver and database (H2 / MySQL Connector)", List.of("org.h2.", "com.mysql."));
        AREAS.put("connection pool (Hikari)", List.of("com.zaxxer.hikari"));
        AREAS.put("Flowable engine (incl. MyBatis)", List.of("org.flowable.", "org.apache.ibatis."));
        AREAS.put("Spring Session (JDBC)", List.of("org.springframework.session."));
        AREAS.put("Spring Security filters", List.of("org.springframework.security."));
        AREAS.put("JSON (Jackson)", List.of("com.fasterxml.jackson."));
        AREAS.put("Spring JDBC (JdbcClient, row mapping)", List.of("org.springframework.jdbc."));
        AREAS.put("Kith code", List.of("org.kith."));
        AREAS.put("Tomcat and Spring MVC", List.of("org.apache.catalina.", "org.apache.coyote.",
                "org.apache.tomcat.", "org.springframework.web."));
    }

    private JfrHotspots() {
    }

    /** Prints the summary of a saved recording's last window: {@code JfrHotspots FILE.jfr SECONDS}. */
    public static void main(String[] args) throws IOException {
        System.out.println(summary(Path.of(args[0]), Duration.ofSeconds(Long.parseLong(args[1]))));
    }

    /**
     * The execution samples of the last {@code window} of the recording: a dump holds whole chunks, so it
     * begins earlier than asked (with the sign-ins before the run, for one).
     */
    static String summary(Path recording, Duration window) throws IOException {
        if (!Files.exists(recording)) {
            return "no recording at " + recording;
        }
        List<RecordedEvent> executionSamples = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null)
                .toList();
        Instant end = executionSamples.stream().map(RecordedEvent::getStartTime).max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        Map<String, Long> inclusive = new LinkedHashMap<>();
        Map<String, Long> topFrames = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : executionSamples) {
            if (event.getStartTime().isBefore(end.minus(window))) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (!frames.isEmpty()) {
                RecordedFrame top = frames.get(0);
                topFrames.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
            }
            for (var area : AREAS.entrySet()) {
                boolean passes = frames.stream().anyMatch(frame -> area.getValue().stream()
                        .anyMatch(prefix -> frame.getMethod().getType().getName().startsWith(prefix)));
                if (passes) {
                    inclusive.merge(area.getKey(), 1L, Long::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder("\nCPU samples of node-1 in " + recording.getFileName() + " ("
                + samples + "), share whose stack passes"
                + " through each area (an area counts a sample once; areas overlap):\n\n| area | share |\n|---|---|\n");
        long all = Math.max(1, samples);
        inclusive.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> out.append(String.format("| %s | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / all)));
        out.append("\nTop of stack, 25 most sampled methods:\n\n| method | share |\n|---|---|\n");
        topFrames.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(e -> out.append(String.format("| `%s` | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / all)));
        return out.toString();
    }
}
