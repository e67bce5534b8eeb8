package org.kith.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.util.MultiValueMap;

/**
 * What a person typed into a page's form and what is wrong with it, in the order the fields appear. Pages
 * re-show a form from it after an error, so nothing typed is lost; the form fragments in
 * {@code templates/fragments/forms.html} read it. Ids are never bound from it: they come from the path.
 */
public final class PageForm {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> anchors = new LinkedHashMap<>();

    private PageForm() {
    }

    public static PageForm empty() {
        return new PageForm();
    }

    /** The named fields from the posted parameters (others are ignored), as typed. */
    public static PageForm of(MultiValueMap<String, String> params, List<String> fields) {
        PageForm form = new PageForm();
        for (String field : fields) {
            String value = params.getFirst(field);
            if (value != null) {
                form.values.put(field, value);
            }
        }
        return form;
    }

    public static PageForm of(Map<String, String> values) {
        PageForm form = new PageForm();
        values.forEach((k, v) -> {
            if (v != null) {
                form.values.put(k, v);
            }
        });
        return form;
    }

    public PageForm set(String field, Object value) {
        if (value == null) {
            values.remove(field);
        } else {
            values.put(field, value.toString());
        }
        return this;
    }

    /** As typed, or null. */
    public String value(String field) {
        return values.get(field);
    }

    /** Stripped of surrounding spaces; null when blank. */
    public String text(String field) {
        String value = values.get(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** Adds an error for a field unless it already has one: the first problem found is the one to fix. */
    public PageForm reject(String field, String message) {
        errors.putIfAbsent(field, message);
        return this;
    }

    /** Where an error summary link for a field goes, when it is not the field's own id (the first radio). */
    public PageForm anchor(String field, String elementId) {
        anchors.put(field, elementId);
        return this;
    }

    /** A service's field errors, renamed to the page's fields where they differ (answers.x on the API, say). */
    public PageForm reject(InvalidInputException e, Function<String, String> toPageField) {
        e.errors().forEach(error -> reject(toPageField.apply(error.field()), error.message()));
        return this;
    }

    public PageForm reject(InvalidInputException e) {
        return reject(e, Function.identity());
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public String error(String field) {
        return errors.get(field);
    }

    /** In the order they were found, which is field order when a form is checked top to bottom. */
    public Map<String, String> errors() {
        return errors;
    }

    /** The ids an input's aria-describedby lists: its hint, its error, its character count; null when none. */
    public String describedBy(String field, String hint, boolean counted) {
        java.util.StringJoiner ids = new java.util.StringJoiner(" ");
        if (hint != null && !hint.isBlank()) {
            ids.add(field + "-hint");
        }
        if (hasError(field)) {
            ids.add(field + "-error");
        }
        if (counted) {
            ids.add(field + "-info");
        }
        return ids.length() == 0 ? null : ids.toString();
    }

    public String anchor(String field) {
        return anchors.getOrDefault(field, field);
    }
}
