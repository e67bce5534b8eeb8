package org.kith.web;

import java.util.StringJoiner;

import org.springframework.stereotype.Component;

/** Small helpers for the form fragments, reachable in templates as {@code @forms}. */
@Component("forms")
public class Forms {

    /** The ids an input's aria-describedby lists: its hint, its error, its character count; null when none. */
    public String describedBy(String name, boolean hasHint, boolean hasError, boolean counted) {
        StringJoiner ids = new StringJoiner(" ");
        if (hasHint) {
            ids.add(name + "-hint");
        }
        if (hasError) {
            ids.add(name + "-error");
        }
        if (counted) {
            ids.add(name + "-info");
        }
        return ids.length() == 0 ? null : ids.toString();
    }
}
