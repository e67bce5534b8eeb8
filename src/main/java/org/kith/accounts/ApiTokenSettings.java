package org.kith.accounts;

import java.util.List;

import org.kith.audit.AuditLog;
import org.kith.identity.ApiTokens;
import org.kith.identity.CurrentUser;
import org.kith.identity.UserAccounts;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.Messages;
import org.kith.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A signed-in person (applicant or staff) makes, lists and revokes their own API tokens, from the account page
 * or the API. Each token has a name, unique among the person's working tokens; its value is shown once, when it
 * is made. Another person's token is as unknown as one that never existed. Making and revoking are audited on
 * the account.
 */
@Service
public class ApiTokenSettings {

    static final int NAME_MAX = 100;

    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final Messages messages;

    ApiTokenSettings(UserAccounts accounts, ApiTokens tokens, AuditLog audit, Messages messages) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.messages = messages;
    }

    /** The person's working tokens, newest first. */
    public List<ApiTokens.Token> list(CurrentUser user) {
        return tokens.active(accountId(user));
    }

    /**
     * Makes a token; the value in the answer is never shown again.
     * @throws InvalidInputException on {@code name}: missing, longer than 100, or the name of a working token
     */
    @Transactional
    public ApiTokens.Issued create(CurrentUser user, String name) {
        long accountId = accountId(user);
        accounts.lock(accountId); // two tabs making a token of the same name at once take turns
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw InvalidInputException.of("name", messages.text("tokens.name.missing"));
        }
        if (stripped.length() > NAME_MAX) {
            throw InvalidInputException.of("name", messages.text("tokens.name.tooLong", NAME_MAX));
        }
        if (tokens.nameInUse(accountId, stripped)) {
            throw InvalidInputException.of("name", messages.text("tokens.name.taken", stripped));
        }
        ApiTokens.Issued issued = tokens.issue(accountId, stripped);
        audit.recordAboutAccount(accountId, user.username(), "API_TOKEN_CREATED", describe(issued.token()));
        return issued;
    }

    /**
     * One of the person's working tokens.
     * @throws NotFoundException for a revoked token, or another person's
     */
    public ApiTokens.Token get(CurrentUser user, long tokenId) {
        return tokens.active(accountId(user), tokenId)
                .orElseThrow(() -> new NotFoundException(messages.text("tokens.notFound")));
    }

    /**
     * Revokes one of the person's tokens: it stops working at once.
     * @throws NotFoundException for a revoked token, or another person's
     */
    @Transactional
    public ApiTokens.Token revoke(CurrentUser user, long tokenId) {
        ApiTokens.Token token = get(user, tokenId);
        long accountId = accountId(user);
        if (!tokens.revoke(accountId, tokenId, user.username())) {
            throw new NotFoundException(messages.text("tokens.notFound"));
        }
        audit.recordAboutAccount(accountId, user.username(), "API_TOKEN_REVOKED", describe(token));
        return token;
    }

    private static String describe(ApiTokens.Token token) {
        return token.name() + " (" + token.hint() + ")";
    }

    private long accountId(CurrentUser user) {
        return accounts.account(user.username()).map(UserAccounts.Account::id)
                .orElseThrow(() -> new ForbiddenException("Sign in first."));
    }
}
