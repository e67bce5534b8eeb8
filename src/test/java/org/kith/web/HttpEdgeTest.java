package org.kith.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kith.support.TestProfiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.ActiveProfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a client sees at the edges of HTTP, on a real Tomcat: requests the Spring Security firewall or Tomcat
 * itself refuses, odd content types, and the error path. Under /api/ the answer is always problem JSON; elsewhere
 * it is Kith's error page; never a 500, a stack trace, or a page naming the server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
class HttpEdgeTest {

    static final String APPLICANT = "Basic " + Base64.getEncoder()
            .encodeToString("applicant1:kith-demo".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anyContentTypeOnABodyEndpoint_isA4xxProblem_neverA500() throws Exception {
        String draft = """
                {"fundId": 1, "title": "Edge", "summary": "s", "amountRequested": 1000}""";
        long id = json.readTree(send("POST", "/api/applications", "application/json", draft).body())
                .path("id").asLong();
        assertThat(id).isPositive();
        for (String contentType : List.of("*/*", "application/*", "*/json", "text/*", "*", "foo", "foo/bar/baz", "/",
                ";", "text/plain;charset=nonsense", "application/json;charset=nonsense",
                "multipart/form-data", "application/x-www-form-urlencoded")) {
            for (String[] endpoint : List.of(new String[] {"POST", "/api/applications"},
                    new String[] {"PUT", "/api/applications/" + id},
                    new String[] {"POST", "/api/applications/" + id + "/variations"})) {
                HttpResponse<String> reply = send(endpoint[0], endpoint[1], contentType, draft);
                assertThat(reply.statusCode()).as("%s %s with %s: %s", endpoint[0], endpoint[1], contentType,
                        reply.body()).isIn(400, 409, 415);
                assertProblem(reply, reply.statusCode());
            }
        }
    }

    @Test
    void aPathTheFirewallRefuses_isA400Problem_underTheApi() throws Exception {
        for (String path : List.of("/api/funds/%2e%2e/1", "/api/funds;x=1", "/api/funds/%0d%0a", "/api/%2e%2e/funds",
                "/api/funds//1", "/api/funds/%25")) {
            assertProblem(get(path, "*/*"), 400);
            assertProblem(get(path, "text/html"), 400);
        }
    }

    @Test
    void aPathTheFirewallRefuses_isKithsErrorPage_elsewhere() throws Exception {
        for (String path : List.of("/sign-in;x=1", "/%2e%2e/sign-in", "/some/page%0d%0a")) {
            assertPage(get(path, "text/html"), 400);
        }
    }

    @Test
    void aNulInThePath_isRefusedByKith_notTomcatsOwnPage() throws Exception {
        assertProblem(get("/api/funds/%00", "*/*"), 400);
        assertPage(get("/some/page%00", "text/html"), 400);
    }

    @Test
    void aHeaderLargerThanTomcatAccepts_isRefusedByKith_notTomcatsOwnPage() throws Exception {
        String huge = "x".repeat(9 * 1024);
        assertProblem(raw("/api/funds", huge), 400);
        assertPage(raw("/sign-in", huge), 400);
    }

    @Test
    void theErrorPathAskedForDirectly_isNotFound() throws Exception {
        assertThat(get("/error", "application/json").statusCode()).isEqualTo(404);
        assertPage(get("/error", "text/html"), 404);
    }

    // --- helpers ---

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", APPLICANT).header("Content-Type", contentType)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Java's client refuses to send a header this large, so the request goes over a plain socket. */
    private Reply raw(String path, String headerValue) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n"
                    + "X-Padding: " + headerValue + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split).toLowerCase();
            String contentType = head.lines().filter(l -> l.startsWith("content-type:")).findFirst()
                    .map(l -> l.substring(13).strip()).orElse("");
            return new Reply(status, contentType, response.substring(split + 4));
        }
    }

    record Reply(int statusCode, String contentType, String body) {
    }

    private void assertProblem(HttpResponse<String> reply, int status) throws Exception {
        assertProblem(new Reply(reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(""),
                reply.body()), status);
    }

    private void assertProblem(Reply reply, int status) throws Exception {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.body()).startsWith("application/problem+json");
        String body = reply.body().substring(reply.body().indexOf('{'));
        JsonNode problem = json.readTree(body);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(reply.body()).doesNotContain("Exception", "at org.", "Tomcat", "Whitelabel");
    }

    private void assertPage(HttpResponse<String> reply, int status) {
        assertPage(new Reply(reply.statusCode(), reply.headers().firstValue("Content-Type").orElse(""),
                reply.body()), status);
    }

    /** Kith's page, whatever the error template looks like; once there is one, never Spring's whitelabel page. */
    private void assertPage(Reply reply, int status) {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.body()).startsWith("text/html");
        assertThat(reply.body()).doesNotContain("Exception", "at org.", "Apache Tomcat", "Tomcat/");
        if (new ClassPathResource("templates/error.html").exists()) {
            assertThat(reply.body()).doesNotContain("Whitelabel");
        }
    }
}
