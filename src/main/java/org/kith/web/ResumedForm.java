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

    /** Keeps the posted fields of this request, but the CSRF token and any password. */
    public static void keep(HttpServletRequest request) {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!"_csrf".equals(name) && !name.toLowerCase(java.util.Locale.ROOT).contains("password")
                    && values.length > 0) {
                fields.put(name, values[0]);
            }
        });
        request.getSession(true).setAttribute(ATTRIBUTE, new Kept(request.getRequestURI(), fields));
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
