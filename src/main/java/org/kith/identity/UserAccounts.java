package org.kith.identity;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.kith.web.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Our own user table: accounts, their roles and the organisation they belong to. An account signs in with its
 * username or its email address (any case); accounts people register for themselves have their address as
 * username, and must confirm it before they can sign in.
 */
@Service
public class UserAccounts implements UserDetailsService {

    private record Row(long id, String username, String passwordHash, boolean enabled, Long organisationId,
            String displayName, String email, LocalDateTime emailConfirmedAt) {
    }

    /** What the account pages need to know about an account. */
    public record Account(long id, String username, String displayName, String email, boolean emailConfirmed,
            Long organisationId, boolean enabled) {
    }

    private static final String COLUMNS = """
            id, username, password_hash, enabled, organisation_id, display_name, email, email_confirmed_at""";

    private final JdbcClient jdbc;
    private final Clock clock;

    UserAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Spring Security's user, and whether its email address is confirmed (checked once the password matched). */
    static final class SignInUser extends User {

        private static final long serialVersionUID = 1L;
        private final boolean emailConfirmed;

        SignInUser(String username, String password, boolean enabled, List<SimpleGrantedAuthority> authorities,
                boolean emailConfirmed) {
            super(username, password, enabled, true, true, true, authorities);
            this.emailConfirmed = emailConfirmed;
        }

        boolean emailConfirmed() {
            return emailConfirmed;
        }
    }

    /**
     * By username, or else by email address in any case; the details carry the account's own username. A
     * deactivated account is as unknown as one that never existed: sign-in says only that the details are wrong.
     */
    @Override
    public UserDetails loadUserByUsername(String usernameOrEmail) {
        Row account = findForSignIn(usernameOrEmail).filter(Row::enabled)
                .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return new SignInUser(account.username(), account.passwordHash(), account.enabled(),
                roles(account.id()).stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
                account.emailConfirmedAt() != null);
    }

    /** The signed-in person; none for a deactivated account (a session it still had is worth nothing). */
    public Optional<CurrentUser> current(String username) {
        record Found(long id, String username, Long organisationId, String role) {
        }
        // the account and its roles in one query: this runs on every signed-in request
        List<Found> rows = jdbc.sql("""
                SELECT u.id, u.username, u.organisation_id, r.role
                FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
                WHERE u.username = :username AND u.enabled""")
                .param("username", username)
                .query((rs, n) -> new Found(rs.getLong(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getString(4))).list();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Found account = rows.get(0);
        return Optional.of(currentUser(account.id(), account.username(), account.organisationId(),
                rows.stream().map(Found::role).toList()));
    }

    /**
     * The signed-in person from their account's row joined to its roles (one role name a row, null for none);
     * funders and fund managers also get the funds they are linked to.
     */
    CurrentUser currentUser(long userId, String username, Long organisationId, List<String> roleNames) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roleNames.stream().filter(Objects::nonNull).map(Role::valueOf).forEach(roles::add);
        boolean linked = roles.contains(Role.FUNDER) || roles.contains(Role.FUND_MANAGER);
        return new CurrentUser(username, roles, organisationId, linked ? linkedFunds(userId) : Set.of());
    }

    /** The funds a funder may see, or a fund manager manages. */
    public Set<Long> linkedFunds(long userId) {
        return Set.copyOf(jdbc.sql("SELECT fund_id FROM staff_fund WHERE user_id = :id").param("id", userId)
                .query(Long.class).list());
    }

    /** Replaces the funds linked to an account. */
    @Transactional
    public void linkFunds(long userId, Set<Long> fundIds) {
        jdbc.sql("DELETE FROM staff_fund WHERE user_id = :id").param("id", userId).update();
        for (long fundId : fundIds) {
            jdbc.sql("INSERT INTO staff_fund (user_id, fund_id) VALUES (:id, :fund)").param("id", userId)
                    .param("fund", fundId).update();
        }
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    /** The account with this username. */
    public Optional<Account> account(String username) {
        return find(username).map(UserAccounts::view);
    }

    public Optional<Account> account(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id").param("id", id)
                .query(Rows.of(Row.class)).optional().map(UserAccounts::view);
    }

    /** The account with this username, or else with this email address (in any case), as at sign-in. */
    public Optional<Account> accountForSignIn(String usernameOrEmail) {
        return findForSignIn(usernameOrEmail).map(UserAccounts::view);
    }

    /** The account whose email address, or username, is this address in any case. */
    public Optional<Account> accountByEmail(String email) {
        if (email == null || email.isBlank()) {
            return Optional.empty();
        }
        String key = emailKey(email);
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE email_key = :key OR LOWER(username) = :key "
                        + "ORDER BY id")
                .param("key", key).query(Rows.of(Row.class)).list().stream().findFirst().map(UserAccounts::view);
    }

    /** The stored password hash (delegating-encoder form) of an account. */
    public String passwordHash(long userId) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE id = :id").param("id", userId)
                .query(String.class).single();
    }

    /**
     * Creates an account whose email address counts as confirmed (staff, demo and test accounts); the password
     * must already be encoded by the delegating encoder. If another account signs in with the same address,
     * this one signs in with its username only.
     */
    @Transactional
    public long create(String username, String encodedPassword, String displayName, String email,
            Long organisationId, Set<Role> roles) {
        return insert(username, encodedPassword, displayName, email, organisationId, roles, true);
    }

    /**
     * Creates an applicant's account, with no organisation yet, that cannot sign in until its email address is
     * confirmed. Fails with DuplicateKeyException if the username or address is taken.
     */
    @Transactional
    public long register(String username, String encodedPassword, String displayName, String email) {
        return insert(username, encodedPassword, displayName, email, null, EnumSet.of(Role.APPLICANT), false);
    }

    private long insert(String username, String encodedPassword, String displayName, String email,
            Long organisationId, Set<Role> roles, boolean confirmed) {
        LocalDateTime now = LocalDateTime.now(clock);
        String key = email == null || email.isBlank() ? null : emailKey(email);
        if (key != null && confirmed && addressTaken(key)) {
            key = null; // an account made by hand may share an address; it then signs in by username only
        }
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, email, email_key, organisation_id,
                  enabled, email_confirmed_at, created_at)
                VALUES (:username, :hash, :displayName, :email, :emailKey, :organisationId, TRUE, :confirmedAt,
                  :now)""")
                .param("username", username).param("hash", encodedPassword).param("displayName", displayName)
                .param("email", email).param("emailKey", key)
                .param("organisationId", organisationId).param("confirmedAt", confirmed ? now : null)
                .param("now", now)
                .update();
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :username")
                .param("username", username).query(Long.class).single();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
                    .param("id", id).param("role", role.name()).update();
        }
        return id;
    }

    /** Marks the address confirmed, first making it the account's address (as after a change of address). */
    public void confirmEmail(long userId, String email) {
        jdbc.sql("""
                UPDATE app_user SET email = :email, email_key = :key, email_confirmed_at = :now WHERE id = :id""")
                .param("email", email).param("key", emailKey(email)).param("now", LocalDateTime.now(clock))
                .param("id", userId).update();
    }

    /** Replaces the password; the new one must already be encoded by the delegating encoder. */
    public void changePassword(long userId, String encodedPassword) {
        jdbc.sql("UPDATE app_user SET password_hash = :hash WHERE id = :id")
                .param("hash", encodedPassword).param("id", userId).update();
    }

    /**
     * Makes the account a member of the organisation, only if it belongs to none yet.
     * @return false if it already belongs to one (this one or another)
     */
    public boolean join(long userId, long organisationId) {
        return jdbc.sql("UPDATE app_user SET organisation_id = :org WHERE id = :id AND organisation_id IS NULL")
                .param("org", organisationId).param("id", userId).update() == 1;
    }

    /** Usernames of an organisation's members, to address notifications. */
    public List<String> members(long organisationId) {
        return jdbc.sql("SELECT username FROM app_user WHERE organisation_id = :id AND enabled ORDER BY username")
                .param("id", organisationId).query(String.class).list();
    }

    /** A member of a group as the group's pages list them. */
    public record Member(String username, String displayName, String email) {
    }

    public List<Member> memberList(long organisationId) {
        return jdbc.sql("""
                SELECT username, display_name, email FROM app_user WHERE organisation_id = :id AND enabled
                ORDER BY display_name, username""")
                .param("id", organisationId).query(Rows.of(Member.class)).list();
    }

    /** Where to write to someone: their name and email address, if the account is enabled. */
    public record Contact(String displayName, String email) {
    }

    public Optional<Contact> contact(String username) {
        return jdbc.sql("SELECT display_name, email FROM app_user WHERE username = :username AND enabled")
                .param("username", username).query(Rows.of(Contact.class)).optional();
    }

    // ---- staff accounts, as an administrator manages them

    /** The roles only staff have: an account with one of these is a staff account. */
    public static final Set<Role> STAFF_ROLES = EnumSet.of(Role.ASSESSOR, Role.FUND_MANAGER, Role.FUNDER, Role.ADMIN);

    /** A staff account as the people pages list it. */
    public record StaffMember(long id, String username, String displayName, String email, Set<Role> roles,
            Set<Long> funds, boolean enabled, LocalDateTime deactivatedAt, String deactivatedBy) {
    }

    private record StaffRow(long id, String username, String displayName, String email, boolean enabled,
            LocalDateTime deactivatedAt, String deactivatedBy) {
    }

    private static final String STAFF_COLUMNS = """
            u.id, u.username, u.display_name, u.email, u.enabled, u.deactivated_at, u.deactivated_by""";

    private static final String IS_STAFF = """
            EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id
              AND r.role IN ('ASSESSOR', 'FUND_MANAGER', 'FUNDER', 'ADMIN'))""";

    private static final String STAFF_IDS = "SELECT u.id FROM app_user u WHERE " + IS_STAFF;

    /** Every staff account, active ones first, then by name. */
    public List<StaffMember> staff() {
        List<StaffRow> rows = jdbc.sql("SELECT " + STAFF_COLUMNS + " FROM app_user u WHERE " + IS_STAFF
                        + " ORDER BY u.enabled DESC, u.display_name, u.username")
                .query(Rows.of(StaffRow.class)).list();
        java.util.Map<Long, Set<Role>> roles = new java.util.HashMap<>();
        jdbc.sql("SELECT user_id, role FROM user_role WHERE user_id IN (" + STAFF_IDS + ")").query((rs, n) -> {
            roles.computeIfAbsent(rs.getLong(1), k -> EnumSet.noneOf(Role.class)).add(Role.valueOf(rs.getString(2)));
            return null;
        }).list();
        java.util.Map<Long, Set<Long>> funds = new java.util.HashMap<>();
        jdbc.sql("SELECT user_id, fund_id FROM staff_fund WHERE user_id IN (" + STAFF_IDS + ")").query((rs, n) -> {
            funds.computeIfAbsent(rs.getLong(1), k -> new java.util.TreeSet<>()).add(rs.getLong(2));
            return null;
        }).list();
        return rows.stream().map(r -> member(r, roles.getOrDefault(r.id(), Set.of()),
                funds.getOrDefault(r.id(), Set.of()))).toList();
    }

    /** One staff account; none if the id is not a staff account's. */
    public Optional<StaffMember> staffMember(long id) {
        return jdbc.sql("SELECT " + STAFF_COLUMNS + " FROM app_user u WHERE u.id = :id AND " + IS_STAFF)
                .param("id", id).query(Rows.of(StaffRow.class)).optional()
                .map(r -> member(r, roles(r.id()), linkedFunds(r.id())));
    }

    private static StaffMember member(StaffRow r, Set<Role> roles, Set<Long> funds) {
        Set<Role> sorted = EnumSet.noneOf(Role.class);
        sorted.addAll(roles);
        return new StaffMember(r.id(), r.username(), r.displayName(), r.email(), sorted,
                new java.util.TreeSet<>(funds), r.enabled(), r.deactivatedAt(), r.deactivatedBy());
    }

    /** Replaces the roles of an account. */
    @Transactional
    public void replaceRoles(long userId, Set<Role> roles) {
        jdbc.sql("DELETE FROM user_role WHERE user_id = :id").param("id", userId).update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
                    .param("id", userId).param("role", role.name()).update();
        }
    }

    /** Switches an account off: it can no longer sign in, and says who did it and when. */
    public void deactivate(long userId, String by) {
        jdbc.sql("UPDATE app_user SET enabled = FALSE, deactivated_at = :now, deactivated_by = :by WHERE id = :id")
                .param("now", LocalDateTime.now(clock)).param("by", by).param("id", userId).update();
    }

    /** Switches a deactivated account back on. */
    public void reactivate(long userId) {
        jdbc.sql("UPDATE app_user SET enabled = TRUE, deactivated_at = NULL, deactivated_by = NULL WHERE id = :id")
                .param("id", userId).update();
    }

    /** Locks an account's row until the transaction ends, so changes to one person take turns. */
    public void lock(long userId) {
        jdbc.sql("SELECT id FROM app_user WHERE id = :id FOR UPDATE").param("id", userId).query(Long.class).list();
    }

    /**
     * The ids of the active administrators, their rows locked until the transaction ends: two administrators
     * taking away each other's role at once take turns, so the second sees the first's change.
     */
    public List<Long> lockActiveAdmins() {
        jdbc.sql("""
                SELECT u.id FROM app_user u WHERE u.enabled
                  AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'ADMIN')
                FOR UPDATE""").query(Long.class).list();
        return activeAdmins(); // read again once the locks are ours: what another transaction committed counts
    }

    /** The ids of the accounts that are active and have the ADMIN role. */
    public List<Long> activeAdmins() {
        return jdbc.sql("""
                SELECT u.id FROM app_user u WHERE u.enabled
                  AND EXISTS (SELECT 1 FROM user_role r WHERE r.user_id = u.id AND r.role = 'ADMIN')
                ORDER BY u.id""").query(Long.class).list();
    }

    private boolean addressTaken(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE email_key = :key").param("key", key)
                .query(Integer.class).single() > 0;
    }

    /** The case-insensitive key of an email address: trimmed, lower case. */
    public static String emailKey(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private Optional<Row> find(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE username = :username")
                .param("username", username)
                .query(Rows.of(Row.class)).optional();
    }

    private Optional<Row> findForSignIn(String usernameOrEmail) {
        if (usernameOrEmail == null || usernameOrEmail.isBlank() || usernameOrEmail.length() > 320) {
            return Optional.empty();
        }
        String typed = usernameOrEmail.strip();
        Optional<Row> byUsername = find(typed);
        if (byUsername.isPresent() || !typed.contains("@")) {
            return byUsername;
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE email_key = :key")
                .param("key", emailKey(typed)).query(Rows.of(Row.class)).optional();
    }

    /** The roles of an account. */
    public Set<Role> roles(long userId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", userId)
                .query(String.class).list().forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    private static Account view(Row row) {
        return new Account(row.id(), row.username(), row.displayName(), row.email(), row.emailConfirmedAt() != null,
                row.organisationId(), row.enabled());
    }
}
