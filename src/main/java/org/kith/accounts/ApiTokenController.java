package org.kith.accounts;

import java.time.LocalDateTime;
import java.util.List;

import org.kith.identity.ApiTokens;
import org.kith.identity.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own API tokens, for scripts: list (never a token's value), make one (its value is in this answer
 * only) and revoke. Another person's token id answers 404.
 */
@RestController
@RequestMapping("/api/tokens")
class ApiTokenController {

    record NewToken(String name) {
    }

    /** A token as listed: {@code hint} is {@code kith_<prefix>_…}, enough to recognise it, never to use it. */
    record TokenView(long id, String name, String hint, LocalDateTime createdAt, LocalDateTime lastUsedAt) {

        static TokenView of(ApiTokens.Token token) {
            return new TokenView(token.id(), token.name(), token.hint(), token.createdAt(), token.lastUsedAt());
        }
    }

    /** A token just made: {@code token} is its value, shown this once. */
    record Created(long id, String name, String hint, LocalDateTime createdAt, String token) {
    }

    private final ApiTokenSettings settings;

    ApiTokenController(ApiTokenSettings settings) {
        this.settings = settings;
    }

    @GetMapping
    List<TokenView> list(CurrentUser user) {
        return settings.list(user).stream().map(TokenView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Created create(CurrentUser user, @RequestBody NewToken body) {
        ApiTokens.Issued issued = settings.create(user, body.name());
        ApiTokens.Token token = issued.token();
        return new Created(token.id(), token.name(), token.hint(), token.createdAt(), issued.value());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(CurrentUser user, @PathVariable long id) {
        settings.revoke(user, id);
    }
}
