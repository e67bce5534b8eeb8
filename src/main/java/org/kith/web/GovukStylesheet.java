package org.kith.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.webjars.WebJarVersionLocator;

/**
 * GOV.UK Frontend's stylesheet as Kith serves it: the same rules, but without the GDS Transport typeface, which may
 * be used on gov.uk only. Its {@code @font-face} rules are dropped (so no page asks for the font files) and every
 * font stack naming it gets Kith's system fonts instead. Made once from the WebJar at start-up.
 */
@Controller
class GovukStylesheet {

    static final String PATH = "/css/govuk-frontend.min.css";
    static final String SYSTEM_FONTS = "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
            + "\"Noto Sans\",\"Liberation Sans\",sans-serif";

    private final byte[] css;
    private final String etag;

    GovukStylesheet() {
        String version = new WebJarVersionLocator().version("govuk-frontend");
        String original = read("META-INF/resources/webjars/govuk-frontend/" + version
                + "/dist/govuk/govuk-frontend.min.css");
        String kith = withoutGdsTransport(original);
        this.css = kith.getBytes(StandardCharsets.UTF_8);
        this.etag = "\"" + sha256(css).substring(0, 16) + "\"";
    }

    static String withoutGdsTransport(String css) {
        return css.replaceAll("@font-face\\{font-family:\"?GDS Transport\"?;[^}]*}", "")
                .replace("font-family:GDS Transport,arial,sans-serif", "font-family:" + SYSTEM_FONTS)
                .replace("font-family:\"GDS Transport\",arial,sans-serif", "font-family:" + SYSTEM_FONTS)
                .replace("font-family:GDS Transport", "font-family:" + SYSTEM_FONTS);
    }

    @GetMapping(PATH)
    ResponseEntity<byte[]> stylesheet(@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch) {
        ResponseEntity.BodyBuilder reply = ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic())
                .eTag(etag);
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        return reply.contentType(new MediaType("text", "css", StandardCharsets.UTF_8)).body(css);
    }

    private static String read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("GOV.UK Frontend's stylesheet is missing from the WebJar: " + path, e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
