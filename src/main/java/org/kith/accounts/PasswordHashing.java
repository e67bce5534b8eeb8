package org.kith.accounts;

import java.nio.charset.StandardCharsets;

import org.kith.identity.SecretTokens;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Encodes a new password for {@code app_user.password_hash}. BCrypt (the delegating encoder's default) reads only
 * 72 bytes and Spring Security refuses to encode more, but the policy allows 256 characters (up to 1,024 bytes):
 * a longer password is encoded with PBKDF2-HMAC-SHA256 (310,000 iterations), under the id the delegating encoder
 * already knows, {@code {pbkdf2@SpringSecurity_v5_8}}, so sign-in checks either kind without knowing which.
 */
@Component
class PasswordHashing {

    static final int BCRYPT_MAX_BYTES = 72;
    static final String PBKDF2_ID = "{pbkdf2@SpringSecurity_v5_8}";

    private final PasswordEncoder encoder;
    private final Pbkdf2PasswordEncoder pbkdf2 = Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8();

    PasswordHashing(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    /**
     * A password nobody knows or is ever shown: the hash of 32 random bytes, thrown away. An account made for
     * someone has it until they choose their own by a link.
     */
    String unusable() {
        return encode(SecretTokens.newToken());
    }

    String encode(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length <= BCRYPT_MAX_BYTES) {
            return encoder.encode(password);
        }
        return PBKDF2_ID + pbkdf2.encode(password);
    }
}
