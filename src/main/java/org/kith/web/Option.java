package org.kith.web;

/** One choice of a radios or select: what is sent, what is shown, and an optional hint. */
public record Option(String value, String label, String hint) {

    public Option(String value, String label) {
        this(value, label, null);
    }
}
