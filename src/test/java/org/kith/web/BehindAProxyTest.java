package org.kith.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kith.support.TestProfiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Kith runs behind a proxy that ends TLS. Told so by the proxy (X-Forwarded-Proto from a private address), it
 * keeps people on https and marks the session cookie Secure; over plain http on its own it does neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestProfiles.class)
class BehindAProxyTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void aRequestThatCameInOverHttps_isRedirectedOnHttps_withASecureSessionCookie() throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign-in"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Host", "kith.example.org").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(sessionCookie(reply)).contains("Secure", "HttpOnly", "SameSite=Lax");

        HttpResponse<String> protectedPage = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/some/page"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "kith.example.org")
                .header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(protectedPage.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).startsWith("https://kith.example.org/"));
    }

    @Test
    void plainHttpWithNoProxy_getsNoSecureFlag() throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sign-in"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(sessionCookie(reply)).contains("HttpOnly").doesNotContain("Secure");
    }

    private static String sessionCookie(HttpResponse<String> reply) {
        List<String> cookies = reply.headers().allValues("Set-Cookie");
        return cookies.stream().filter(c -> c.startsWith("SESSION=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + cookies));
    }
}
