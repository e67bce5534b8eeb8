package org.kith.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * What makes a password acceptable, after NIST SP 800-63B (section 3.1.1.2): long enough, not one of the most
 * common passwords, not the person's own email address or username. No rules about mixing letters, digits and
 * symbols: they make passwords harder to remember, not harder to guess. Any character may be used, spaces
 * included, so a phrase of several words is a good password.
 * <p>
 * The list is zxcvbn's 30,000 most common passwords ({@code passwords/common-passwords.txt}, source and
 * licence in its header; decision 0008).
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    static final String LIST = "passwords/common-passwords.txt";

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /**
     * Why this password cannot be used, if it cannot: a message for the person choosing it.
     * @param ownNames the person's email address and username (nulls are skipped)
     */
    public Optional<String> reasonToRefuse(String password, String... ownNames) {
        if (password == null || password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("Your password must be at least " + MIN_LENGTH + " characters long. "
                    + "A few words you will remember, with spaces between them, make a good password.");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("Your password must be " + MAX_LENGTH + " characters or fewer.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of("This is one of the most common passwords, so it is among the first that anyone "
                    + "trying to get into an account will guess. Choose another: a few words you will remember "
                    + "work well.");
        }
        for (String own : ownNames) {
            if (own != null && !own.isBlank() && lower.strip().equals(own.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of("Your password must not be your email address or username. Choose something "
                        + "only you know.");
            }
        }
        if (lower.codePoints().distinct().count() == 1) {
            return Optional.of("Your password must not be one character repeated. Choose something harder to guess.");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>(40_000);
        try (InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException(LIST + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
