package org.kith.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.kith.identity.EmailAddresses;
import org.kith.identity.UserAccounts;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.web.PlainText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An applicant registers with their name, email address and a password, and confirms the address by a link
 * before they can sign in. Whether an address already has an account is never shown to the person typing: they
 * always read "check your email", and the owner of the address is told by email instead.
 */
@Service
public class Registration {

    public static final Duration CONFIRMATION_LIFETIME = Duration.ofHours(24);
    static final int NAME_MAX = 200;

    private final UserAccounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHashing hashing;
    private final AccountTokens tokens;
    private final AccountMessages messages;

    Registration(UserAccounts accounts, PasswordPolicy policy, PasswordHashing hashing, AccountTokens tokens,
            AccountMessages messages) {
        this.accounts = accounts;
        this.policy = policy;
        this.hashing = hashing;
        this.tokens = tokens;
        this.messages = messages;
    }

    /**
     * Registers an applicant, or tells the existing owner of the address. Either way the answer is the same.
     * @return the address, normalised, for the page to say where the link went
     * @throws InvalidInputException on the fields {@code name}, {@code email}, {@code password}
     */
    @Transactional
    public String register(String name, String email, String password) {
        String displayName = name == null ? "" : name.strip();
        String address = EmailAddresses.normalise(email);
        List<FieldError> errors = new ArrayList<>();
        nameProblem(displayName).ifPresent(m -> errors.add(new FieldError("name", m)));
        EmailAddresses.problem(address).ifPresent(m -> errors.add(new FieldError("email", m)));
        policy.reasonToRefuse(password, address).ifPresent(m -> errors.add(new FieldError("password", m)));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        String hash = hashing.encode(password);
        Optional<UserAccounts.Account> existing = accounts.accountByEmail(address);
        if (existing.isPresent()) {
            tellOwner(existing.get());
            return address;
        }
        long id;
        try {
            id = accounts.register(address, hash, displayName, address);
        } catch (DuplicateKeyException raced) {
            accounts.accountByEmail(address).ifPresent(this::tellOwner);
            return address;
        }
        sendLink(accounts.account(id).orElseThrow());
        return address;
    }

    /** Confirms an address from the link in an email: a new account's, or the new address of an account. */
    @Transactional
    public ConfirmOutcome confirm(String token) {
        Optional<AccountTokens.Token> found = tokens.find(token, AccountTokens.Purpose.CONFIRM_EMAIL,
                AccountTokens.Purpose.CHANGE_EMAIL);
        switch (tokens.state(found)) {
            case UNKNOWN:
                return ConfirmOutcome.UNKNOWN;
            case ALREADY_USED:
                return ConfirmOutcome.ALREADY_USED;
            case EXPIRED:
                return ConfirmOutcome.EXPIRED;
            default:
                break;
        }
        AccountTokens.Token link = found.get();
        Optional<UserAccounts.Account> other = accounts.accountByEmail(link.email())
                .filter(a -> a.id() != link.userId());
        if (other.isPresent()) {
            return ConfirmOutcome.ADDRESS_IN_USE;
        }
        if (!tokens.use(link)) {
            return ConfirmOutcome.ALREADY_USED;
        }
        try {
            accounts.confirmEmail(link.userId(), link.email());
        } catch (DuplicateKeyException raced) {
            return ConfirmOutcome.ADDRESS_IN_USE;
        }
        tokens.cancelAll(link.userId(), link.kind());
        if (link.kind() == AccountTokens.Purpose.CHANGE_EMAIL) {
            // reset links went to the old address: they must not outlive it
            tokens.cancelAll(link.userId(), AccountTokens.Purpose.RESET_PASSWORD);
        }
        return ConfirmOutcome.CONFIRMED;
    }

    /**
     * Sends a new confirmation link if the account (username or address, as typed at sign-in) exists and is
     * not confirmed yet; earlier links stop working. Says nothing either way.
     */
    @Transactional
    public void resendConfirmation(String usernameOrEmail) {
        accounts.accountForSignIn(usernameOrEmail).filter(a -> !a.emailConfirmed() && a.enabled())
                .ifPresent(this::sendLink);
    }

    private void tellOwner(UserAccounts.Account owner) {
        if (owner.emailConfirmed()) {
            messages.someoneTriedToRegister(owner);
        } else {
            sendLink(owner);
        }
    }

    private void sendLink(UserAccounts.Account account) {
        tokens.cancelAll(account.id(), AccountTokens.Purpose.CONFIRM_EMAIL);
        String token = tokens.issue(AccountTokens.Purpose.CONFIRM_EMAIL, account.id(), account.email(),
                CONFIRMATION_LIFETIME);
        messages.confirmAddress(account, token);
    }

    static Optional<String> nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("Enter your name.");
        }
        if (name.length() > NAME_MAX) {
            return Optional.of("Enter a name of " + NAME_MAX + " characters or fewer.");
        }
        if (!PlainText.Check.isPlain(name)) {
            return Optional.of(PlainText.MESSAGE);
        }
        return Optional.empty();
    }
}
