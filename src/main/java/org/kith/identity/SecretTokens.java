package org.kith.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets in links sent by email: 32 random bytes, URL-safe Base64 without padding (43 characters). Only
 * {@link #hash(String)} of a token is ever stored, so a copy of the database holds no working link.
 */
public final class SecretTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final String LOWER_CASE_AND_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";

    /**
     * Random lower-case letters and digits, for a part of a token that is shown and looked up but is not the
     * secret (an API token's prefix): readable, and the same under a case-insensitive collation.
     */
    public static String newCode(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(LOWER_CASE_AND_DIGITS.charAt(RANDOM.nextInt(LOWER_CASE_AND_DIGITS.length())));
        }
        return code.toString();
    }

    /** SHA-256 as 64 lower-case hex digits; a null token hashes like an empty one (and matches nothing). */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((token == null ? "" : token).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
