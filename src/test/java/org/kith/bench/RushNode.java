package org.kith.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One Kith node in a JVM of its own, started from this build's classes (target/classes and the runtime
 * dependencies, never the test classes), as `java -jar` would run it. Its CPU time is read from /proc.
 */
final class RushNode implements AutoCloseable {

    final int port;
    final String name;
    final Process process;
    final long bootMillis;
    private final long startedNanos;

    private RushNode(String name, int port, Process process, long startedNanos, long bootMillis) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.startedNanos = startedNanos;
        this.bootMillis = bootMillis;
    }

    /** Starts a node and waits until it answers its health check: the boot time is process start to that 200. */
    static RushNode start(String name, int port, Path workDir, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment) throws Exception {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Duser.timezone=UTC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(applicationClasspath());
        command.add("org.kith.KithApplication");
        command.add("--server.port=" + port);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(workDir.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = started + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting: see " + workDir.resolve(name + ".log"));
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    long boot = (System.nanoTime() - started) / 1_000_000;
                    return new RushNode(name, port, process, started, boot);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not answer its health check within 5 minutes");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** User plus system CPU time the node's JVM has used so far, from /proc/PID/stat (Linux). */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / 100; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException unreadable) {
            return -1;
        }
    }

    /** Heap in use after a full collection, in MB, read with jcmd. */
    double heapAfterGcMb() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(info);
        return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : -1;
    }

    /** Saves the last {@code window} of the recording the node was started with. */
    void dumpRecording(Path file, Duration window) {
        jcmd("JFR.dump", "name=rush", "begin=-" + window.toSeconds() + "s", "filename=" + file);
    }

    private String jcmd(String... command) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(process.pid())));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("jcmd " + line, e);
        }
    }

    /** Seconds since the JVM started. */
    double ageSeconds() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: Spring closes the context, a JFR recording is dumped
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * This build's classes and its dependencies, without the test classes (their @Components would be scanned).
     * Surefire passes the classpath in a manifest-only jar, so the test classpath is read from its property.
     */
    static String applicationClasspath() {
        String testClasspath = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        return Arrays.stream(testClasspath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }
}
