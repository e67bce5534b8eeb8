package org.kith.accounts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.kith.audit.AuditEvent;
import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.AccountSecurity;
import org.kith.identity.CurrentUser;
import org.kith.identity.EmailAddresses;
import org.kith.identity.Role;
import org.kith.identity.UserAccounts;
import org.kith.identity.UserAccounts.StaffMember;
import org.kith.web.ConflictException;
import org.kith.web.ForbiddenException;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.web.NotFoundException;
import org.kith.workflow.AssignedTasks;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staff accounts, as an administrator manages them: invite a person with their roles and funds, change those,
 * deactivate and reactivate. Only administrators may do any of it. An invited account's address counts as
 * confirmed and its password is unusable until the person chooses one by the link in their invitation.
 * The pages ({@code StaffPeoplePages}) and the API ({@code StaffPeopleController}) both come here.
 */
@Service
public class StaffAccounts {

    public static final Duration INVITATION_LIFETIME = Duration.ofDays(7);

    /** What an administrator may give: the four staff roles (an applicant registers for themselves). */
    public static final List<Role> GIVEN_ROLES = List.of(Role.ASSESSOR, Role.FUND_MANAGER, Role.FUNDER, Role.ADMIN);

    private final UserAccounts accounts;
    private final Funds funds;
    private final PasswordHashing hashing;
    private final AccountTokens tokens;
    private final AccountMessages messages;
    private final AccountSecurity security;
    private final AssignedTasks assignedTasks;
    private final AuditLog audit;

    StaffAccounts(UserAccounts accounts, Funds funds, PasswordHashing hashing, AccountTokens tokens,
            AccountMessages messages, AccountSecurity security, AssignedTasks assignedTasks, AuditLog audit) {
        this.accounts = accounts;
        this.funds = funds;
        this.hashing = hashing;
        this.tokens = tokens;
        this.messages = messages;
        this.security = security;
        this.assignedTasks = assignedTasks;
        this.audit = audit;
    }

    /** What a deactivation did. */
    public record Deactivation(StaffMember member, List<String> tasksReturned) {
    }

    /** Every staff account, active ones first. */
    @Transactional(readOnly = true)
    public List<StaffMember> list(CurrentUser admin) {
        requireAdmin(admin);
        return accounts.staff();
    }

    /** One staff account; 404 if the id is not a staff account's. */
    @Transactional(readOnly = true)
    public StaffMember get(CurrentUser admin, long id) {
        requireAdmin(admin);
        return member(id);
    }

    /** What has happened to a staff account (invited, roles changed, switched off and on), oldest first. */
    public List<AuditEvent> history(CurrentUser admin, long id) {
        requireAdmin(admin);
        return audit.aboutAccount(id);
    }

    /** Every fund, for the fund checkboxes. */
    public List<Fund> funds() {
        return funds.all();
    }

    /**
     * Makes a staff account for this address and emails the person a link (valid {@link #INVITATION_LIFETIME})
     * to choose their password.
     * @throws InvalidInputException on {@code email}, {@code name}, {@code roles}, {@code funds}, in that order
     */
    @Transactional
    public StaffMember invite(CurrentUser admin, String email, String name, Collection<String> roleNames,
            Collection<Long> fundIds) {
        requireAdmin(admin);
        String address = EmailAddresses.normalise(email);
        String displayName = name == null ? "" : name.strip();
        List<FieldError> errors = new ArrayList<>();
        EmailAddresses.problem(address).or(() -> accounts.accountByEmail(address).isPresent()
                        ? java.util.Optional.of("An account already uses this email address.")
                        : java.util.Optional.empty())
                .ifPresent(m -> errors.add(new FieldError("email", m)));
        Registration.nameProblem(displayName).map(m -> m.replace("your name", "their name"))
                .ifPresent(m -> errors.add(new FieldError("name", m)));
        Set<Role> roles = roles(roleNames, errors);
        Set<Long> linked = funds(roles, fundIds, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id;
        try {
            id = accounts.create(address, hashing.unusable(), displayName, address, null, roles);
        } catch (DuplicateKeyException raced) {
            throw InvalidInputException.of("email", "An account already uses this email address.");
        }
        accounts.linkFunds(id, linked);
        StaffMember invited = member(id);
        sendLink(admin, invited);
        audit.recordAboutAccount(id, admin.username(), "STAFF_INVITED",
                address + ": " + describe(roles, linked));
        return invited;
    }

    /**
     * Emails an active staff account a new link to choose a password (the invitation's link expired, or the email
     * was lost); earlier such links stop working. A password they already have keeps working until they use it.
     * @throws ConflictException for a deactivated account
     */
    @Transactional
    public StaffMember sendInvitationAgain(CurrentUser admin, long id) {
        requireAdmin(admin);
        accounts.lock(id);
        StaffMember member = member(id);
        if (!member.enabled()) {
            throw new ConflictException(member.displayName() + "’s account is deactivated: reactivate it first.");
        }
        sendLink(admin, member);
        audit.recordAboutAccount(id, admin.username(), "STAFF_INVITATION_SENT_AGAIN", member.username());
        return member;
    }

    /** The invitation: a link to choose a password, by email; earlier such links stop working. */
    private void sendLink(CurrentUser admin, StaffMember member) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        member.roles().stream().filter(GIVEN_ROLES::contains).forEach(roles::add);
        tokens.cancelAll(member.id(), AccountTokens.Purpose.SET_PASSWORD);
        UserAccounts.Account account = accounts.account(member.id()).orElseThrow();
        String token = tokens.issue(AccountTokens.Purpose.SET_PASSWORD, member.id(), account.email(),
                INVITATION_LIFETIME);
        messages.staffInvitation(account, inviterName(admin), describeRoles(roles), token,
                (int) INVITATION_LIFETIME.toDays());
    }

    /**
     * Replaces a person's staff roles and fund links (a role they have that an administrator does not give, such
     * as applicant, stays). The last active administrator keeps the administrator role.
     * @throws InvalidInputException on {@code roles}, {@code funds}
     */
    @Transactional
    public StaffMember changeRoles(CurrentUser admin, long id, Collection<String> roleNames, Collection<Long> fundIds) {
        requireAdmin(admin);
        accounts.lock(id);
        StaffMember before = member(id);
        List<FieldError> errors = new ArrayList<>();
        Set<Role> given = roles(roleNames, errors);
        Set<Long> linked = funds(given, fundIds, errors);
        if (before.roles().contains(Role.ADMIN) && !given.contains(Role.ADMIN) && before.enabled()
                && accounts.lockActiveAdmins().equals(List.of(id))) {
            errors.add(0, new FieldError("roles", before.displayName() + " is the last active administrator. "
                    + "Give another person the administrator role first."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Set<Role> roles = EnumSet.copyOf(given);
        before.roles().stream().filter(r -> !GIVEN_ROLES.contains(r)).forEach(roles::add);
        if (roles.equals(before.roles()) && linked.equals(before.funds())) {
            return before;
        }
        accounts.replaceRoles(id, roles);
        accounts.linkFunds(id, linked);
        audit.recordAboutAccount(id, admin.username(), "ROLE_CHANGED", before.username() + ": before "
                + describe(before.roles(), before.funds()) + "; after " + describe(roles, linked));
        return member(id);
    }

    /**
     * Switches a person's account off: they cannot sign in, every session of theirs ends (once this commits),
     * their unused links stop working, and every open task assigned to them goes back to its pool.
     * @throws ConflictException for one's own account, or the last active administrator
     */
    @Transactional
    public Deactivation deactivate(CurrentUser admin, long id) {
        requireAdmin(admin);
        accounts.lock(id);
        StaffMember member = member(id);
        if (member.username().equals(admin.username())) {
            throw new ConflictException("You cannot deactivate your own account. Another administrator can.");
        }
        if (!member.enabled()) {
            return new Deactivation(member, List.of());
        }
        if (member.roles().contains(Role.ADMIN) && accounts.lockActiveAdmins().equals(List.of(id))) {
            throw new ConflictException(member.displayName() + " is the last active administrator and cannot be "
                    + "deactivated.");
        }
        accounts.deactivate(id, admin.username());
        for (AccountTokens.Purpose purpose : AccountTokens.Purpose.values()) {
            tokens.cancelAll(id, purpose);
        }
        List<String> returned = assignedTasks.returnToPool(member.username(), admin.username());
        audit.recordAboutAccount(id, admin.username(), "ACCOUNT_DEACTIVATED", member.username()
                + (returned.isEmpty() ? "; no open tasks" : "; tasks returned to the pool: " + String.join(", ",
                        returned)));
        String username = member.username();
        // sessions live in their own transactions: end them once the account is off for good, so a sign-in
        // squeezed in before the commit cannot outlive it
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                security.endSessions(username, null);
            }
        });
        return new Deactivation(member(id), returned);
    }

    /** Switches a deactivated account back on, with the roles and funds it had. */
    @Transactional
    public StaffMember reactivate(CurrentUser admin, long id) {
        requireAdmin(admin);
        accounts.lock(id);
        StaffMember member = member(id);
        if (member.enabled()) {
            return member;
        }
        accounts.reactivate(id);
        audit.recordAboutAccount(id, admin.username(), "ACCOUNT_REACTIVATED", member.username());
        return member(id);
    }

    private StaffMember member(long id) {
        return accounts.staffMember(id).orElseThrow(() -> new NotFoundException("There is no staff account " + id
                + "."));
    }

    private static void requireAdmin(CurrentUser user) {
        if (!user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only an administrator may manage staff accounts.");
        }
    }

    private static Set<Role> roles(Collection<String> names, List<FieldError> errors) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            GIVEN_ROLES.stream().filter(r -> r.name().equals(name)).findFirst().ifPresentOrElse(roles::add,
                    () -> errors.add(new FieldError("roles", "Choose roles from the list: "
                            + GIVEN_ROLES.stream().map(Role::name).collect(Collectors.joining(", ")) + ".")));
        }
        if (roles.isEmpty() && errors.stream().noneMatch(e -> e.field().equals("roles"))) {
            errors.add(new FieldError("roles", "Choose at least one role."));
        }
        return roles;
    }

    /** The funds to link: a funder must have one; a fund manager may (none: all funds); others none. */
    private Set<Long> funds(Set<Role> roles, Collection<Long> fundIds, List<FieldError> errors) {
        Set<Long> wanted = new TreeSet<>(fundIds == null ? List.of() : fundIds);
        if (!roles.contains(Role.FUNDER) && !roles.contains(Role.FUND_MANAGER)) {
            return Set.of();
        }
        Set<Long> known = funds.all().stream().map(Fund::id).collect(Collectors.toSet());
        if (!known.containsAll(wanted)) {
            errors.add(new FieldError("funds", "Choose funds from the list."));
        } else if (wanted.isEmpty() && roles.contains(Role.FUNDER)) {
            errors.add(new FieldError("funds", "Choose the funds this funder may see."));
        }
        return wanted;
    }

    private String inviterName(CurrentUser admin) {
        return accounts.account(admin.username()).map(UserAccounts.Account::displayName).orElse(admin.username());
    }

    /** "assessor, fund manager", for the invitation. */
    static String describeRoles(Set<Role> roles) {
        return roles.stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
    }

    /** "roles ASSESSOR, FUNDER; funds 3, 4", for the audit trail. */
    private static String describe(Set<Role> roles, Set<Long> funds) {
        return "roles " + (roles.isEmpty() ? "none" : roles.stream().map(Role::name).collect(Collectors.joining(", ")))
                + "; funds " + (funds.isEmpty() ? "none" : funds.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")));
    }
}
