package org.kith.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator: C clients, each one applicant of its own group, in a closed loop of pairs: POST
 * /api/applications (a light-touch draft) then POST /api/applications/{id}/submit. A client sends either its
 * browser session (cookie and CSRF token, as the site's pages would) or an API token. With several nodes, each
 * request goes to the next node in turn: no stickiness, so a session made on one node is used on all of them.
 */
final class RushLoad {

    enum Credentials { SESSION, TOKEN }

    record Applicant(String username, String password) {
    }

    record Result(int concurrency, Credentials credentials, int nodes, long pairs, double pairsPerSecond,
            double submitP50, double submitP99, double createP99, long errors, String firstError,
            long nodeCpuMillis, long statements) {

        double cpuMillisPerPair() {
            return nodeCpuMillis / (double) Math.max(1, pairs);
        }

        /** Statements per pair, or -1 where the database does not count them. */
        double statementsPerPair() {
            return statements < 0 ? -1 : statements / (double) Math.max(1, pairs);
        }
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern SESSION_COOKIE = Pattern.compile("SESSION=([^;]+)");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> nodes;
    private final long fundId;
    /** Every submission a node acknowledged with 2xx, warm-up included: each must have its process. */
    final ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();

    RushLoad(List<String> nodes, long fundId) {
        this.nodes = nodes;
        this.fundId = fundId;
    }

    /** What one client sends with each request. */
    private interface Identity {
        HttpRequest.Builder sign(HttpRequest.Builder request);
    }

    Identity identity(Applicant applicant, Credentials credentials, String token) throws Exception {
        return credentials == Credentials.TOKEN
                ? request -> request.header("Authorization", "Bearer " + token)
                : signIn(applicant);
    }

    /** Signs in through the sign-in page, then reads the CSRF token a signed-in page carries. */
    private Identity signIn(Applicant applicant) throws Exception {
        String node = nodes.get(0);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(node + "/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString());
        String anonymous = cookie(page).orElseThrow(() -> new IllegalStateException("no session for sign-in"));
        String form = "username=" + encode(applicant.username()) + "&password=" + encode(applicant.password())
                + "&_csrf=" + encode(csrf(page.body()));
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(node + "/sign-in"))
                .header("Cookie", "SESSION=" + anonymous)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String session = cookie(signedIn).orElse(anonymous);
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed for " + applicant.username() + ": "
                    + signedIn.statusCode() + " " + location);
        }
        // a signed-in page on the LAST node: the session must be shared for this to work with several nodes
        HttpResponse<String> account = http.send(HttpRequest.newBuilder(URI.create(nodes.get(nodes.size() - 1)
                + "/account")).header("Cookie", "SESSION=" + session).build(), HttpResponse.BodyHandlers.ofString());
        if (account.statusCode() != 200) {
            throw new IllegalStateException("session not accepted on " + nodes.get(nodes.size() - 1) + ": "
                    + account.statusCode());
        }
        String csrf = csrf(account.body());
        return request -> request.header("Cookie", "SESSION=" + session).header("X-CSRF-TOKEN", csrf);
    }

    private final java.util.Map<Applicant, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    /** An API token for the applicant, made with HTTP Basic once (as a person would make it on the page). */
    private String issueToken(Applicant applicant) {
        try {
            return newToken(applicant);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String newToken(Applicant applicant) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString(
                (applicant.username() + ":" + applicant.password()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(nodes.get(0) + "/api/tokens"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"rush benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(created.body());
        if (created.statusCode() != 201 || !token.find()) {
            throw new IllegalStateException("token not issued: " + created.statusCode() + " " + created.body());
        }
        return token.group(1);
    }

    /** Runs the loop; the node CPU and the statement counter are read at the window's start and end. */
    Result run(List<Applicant> applicants, Credentials credentials, int concurrency, Duration warmUp,
            Duration window, LongSupplier nodeCpuMillis, LongSupplier statements, Runnable opened, Runnable closed)
            throws Exception {
        // each client speaks for several groups in turn, so no group piles up hundreds of applications
        int groupsPerClient = applicants.size() / concurrency;
        List<List<Identity>> identities = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            List<Identity> clientIdentities = new ArrayList<>();
            for (int g = 0; g < groupsPerClient; g++) {
                Applicant applicant = applicants.get(i + g * concurrency);
                clientIdentities.add(identity(applicant, credentials, credentials == Credentials.TOKEN
                        ? tokens.computeIfAbsent(applicant, this::issueToken) : null));
            }
            identities.add(clientIdentities);
        }
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong pairs = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        List<Long> submitNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> createNanos = Collections.synchronizedList(new ArrayList<>());
        StringBuffer firstError = new StringBuffer();
        Thread[] clients = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            List<Identity> clientIdentities = identities.get(i);
            int client = i;
            clients[i] = new Thread(() -> {
                int turn = 0;
                while (!stop.get()) {
                    Identity identity = clientIdentities.get(turn++ % clientIdentities.size());
                    try {
                        boolean counted = counting.get();
                        long t0 = System.nanoTime();
                        HttpResponse<String> draft = http.send(identity.sign(request(sent.getAndIncrement() + client,
                                        "/api/applications"))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(draftJson())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        Matcher id = ID.matcher(draft.body());
                        if (draft.statusCode() != 201 || !id.find()) {
                            throw new IllegalStateException("draft " + draft.statusCode() + " " + draft.body());
                        }
                        long applicationId = Long.parseLong(id.group(1));
                        HttpResponse<String> submitted = http.send(identity.sign(request(
                                        sent.getAndIncrement() + client, "/api/applications/" + applicationId
                                                + "/submit"))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                                HttpResponse.BodyHandlers.ofString());
                        long t2 = System.nanoTime();
                        if (submitted.statusCode() / 100 != 2) {
                            throw new IllegalStateException("submit " + submitted.statusCode() + " "
                                    + submitted.body());
                        }
                        acknowledged.add(applicationId);
                        if (counted && counting.get()) {
                            pairs.incrementAndGet();
                            createNanos.add(t1 - t0);
                            submitNanos.add(t2 - t1);
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError.length() == 0) {
                                firstError.append(e.getMessage());
                            }
                        }
                    }
                }
            }, "client-" + i);
            clients[i].start();
        }
        Thread.sleep(warmUp.toMillis());
        errors.set(0);
        opened.run();
        long cpuBefore = nodeCpuMillis.getAsLong();
        long statementsBefore = statements.getAsLong();
        long before = System.nanoTime();
        counting.set(true);
        Thread.sleep(window.toMillis());
        counting.set(false);
        double seconds = (System.nanoTime() - before) / 1e9;
        long cpu = nodeCpuMillis.getAsLong() - cpuBefore;
        long statementsAfter = statements.getAsLong();
        closed.run();
        long counted = pairs.get();
        long windowErrors = errors.get();
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        return new Result(concurrency, credentials, nodes.size(), counted, counted / seconds,
                percentile(submitNanos, 0.50), percentile(submitNanos, 0.99), percentile(createNanos, 0.99),
                windowErrors, firstError.toString(), cpu,
                statementsBefore < 0 ? -1 : statementsAfter - statementsBefore - 1);
    }

    private HttpRequest.Builder request(long turn, String path) {
        return HttpRequest.newBuilder(URI.create(nodes.get((int) (turn % nodes.size())) + path))
                .timeout(Duration.ofSeconds(60));
    }

    private String draftJson() {
        return """
                {"fundId": %d, "title": "Lunch club for older neighbours", "summary": "Weekly lunches",
                 "amountRequested": 1000, "answers": {"whoBenefits": "Older neighbours living alone",
                 "whatDifference": "New friendships and a hot meal each week"}}""".formatted(fundId);
    }

    private static double percentile(List<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }

    private static Optional<String> cookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION_COOKIE::matcher)
                .filter(Matcher::find).map(m -> m.group(1)).findFirst();
    }

    private static String csrf(String page) {
        Matcher token = CSRF.matcher(page);
        if (!token.find()) {
            throw new IllegalStateException("no CSRF token on the page");
        }
        return token.group(1).replace("&#45;", "-");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static long fundId(String node, String slug) throws IOException, InterruptedException {
        HttpResponse<String> funds = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(node + "/api/funds")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher fund = Pattern.compile("\"id\"\\s*:\\s*(\\d+)[^}]*?\"slug\"\\s*:\\s*\"" + Pattern.quote(slug) + "\"")
                .matcher(funds.body());
        if (!fund.find()) {
            throw new IllegalStateException("fund " + slug + " not listed: " + funds.body());
        }
        return Long.parseLong(fund.group(1));
    }
}
