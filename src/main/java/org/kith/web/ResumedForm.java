package org.kith.web;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * What someone had typed when their session expired under them. A form posted without a valid session (its CSRF
 * token no longer matches) is not acted on, but its fields are kept in the new session; once the person has
 * signed in again, the page they were on shows them again, to check and send. Files are not kept.
 */
public final class ResumedForm {

    private static final String ATTRIBUTE = ResumedForm.class.getName();

    record Kept(String path, LinkedHashMap<String, String> fields) implements Serializable {
    }

    private ResumedForm() {
    }

    /**
     * Keeps the posted fields of this request, but the CSRF token and any password; only for a form posted from
     * Kith's own pages, so another site cannot put words into someone's form for them to send.
     */
    public static void keep(HttpServletRequest request) {
        if (!fromOurOwnPage(request)) {
            return;
        }
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!"_csrf".equals(name) && !name.toLowerCase(java.util.Locale.ROOT).contains("password")
                    && values.length > 0) {
                fields.put(name, values[0]);
            }
        });
        request.getSession(true).setAttribute(ATTRIBUTE, new Kept(request.getRequestURI(), fields));
    }

    /** Browsers say where a form came from (Sec-Fetch-Site, Origin); a request that says nothing is taken as ours. */
    static boolean fromOurOwnPage(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        try {
            java.net.URI from = java.net.URI.create(origin);
            return request.getServerName().equalsIgnoreCase(from.getHost());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** The fields kept for this page, once: taking them forgets them. */
    public static Optional<Map<String, String>> take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof Kept kept)
                || !kept.path().equals(request.getRequestURI())) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(kept.fields());
    }
}
