package org.kith.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Email addresses as people type them. Valid means the form HTML's {@code <input type="email">} accepts (WHATWG),
 * with a dot in the domain, at most {@value #MAX_LENGTH} characters (an address is also a username, and usernames
 * are stored in 100 characters). Normalised means trimmed, with the domain in lower case; the part before the @
 * is kept as typed, but two addresses that differ only in case are the same account.
 */
public final class EmailAddresses {

    public static final int MAX_LENGTH = 100;

    private static final Pattern LOCAL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$");
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    private EmailAddresses() {
    }

    /** Trimmed, domain in lower case; null for null. */
    public static String normalise(String typed) {
        if (typed == null) {
            return null;
        }
        String address = typed.strip();
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at) + "@" + address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** Why this (normalised) address cannot be used, if it cannot: a message saying what to fix. */
    public static Optional<String> problem(String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("Enter an email address.");
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of("Enter an email address of " + MAX_LENGTH + " characters or fewer.");
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
            return Optional.of("Enter an email address in the correct format, like name@example.org.");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!LOCAL.matcher(local).matches() || !domain.contains(".")) {
            return Optional.of("Enter an email address in the correct format, like name@example.org.");
        }
        for (String label : domain.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("Enter an email address in the correct format, like name@example.org.");
            }
        }
        return Optional.empty();
    }
}
