package org.kith.web;

import java.util.Map;

/** Answers 409: the request was valid once, but the thing has moved on (already handled, wrong status). */
public class ConflictException extends RuntimeException {

    private final Map<String, Object> properties;

    public ConflictException(String message) {
        this(message, Map.of());
    }

    /** With extra members for the problem JSON, e.g. the id of the thing in the way. */
    public ConflictException(String message, Map<String, Object> properties) {
        super(message);
        this.properties = Map.copyOf(properties);
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
