package org.kith.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Our own user table: accounts, their roles and the organisation they belong to. */
@Service
public class UserAccounts implements UserDetailsService {

    private record Account(long id, String username, String passwordHash, boolean enabled, Long organisationId) {
    }

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = find(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .disabled(!account.enabled())
                .authorities(roles(account.id()).stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList())
                .build();
    }

    public Optional<CurrentUser> current(String username) {
        return find(username).map(a -> new CurrentUser(a.username(), roles(a.id()), a.organisationId()));
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    /** Creates an account; the password must already be encoded by the delegating encoder. */
    @Transactional
    public long create(String username, String encodedPassword, String displayName, String email,
            Long organisationId, Set<Role> roles) {
        jdbc.sql("""
                INSERT INTO app_user (username, password_hash, display_name, email, organisation_id, enabled)
                VALUES (:username, :hash, :displayName, :email, :organisationId, TRUE)""")
                .param("username", username).param("hash", encodedPassword).param("displayName", displayName)
                .param("email", email).param("organisationId", organisationId)
                .update();
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :username")
                .param("username", username).query(Long.class).single();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (:id, :role)")
                    .param("id", id).param("role", role.name()).update();
        }
        return id;
    }

    /** Usernames of an organisation's members, to address notifications. */
    public List<String> members(long organisationId) {
        return jdbc.sql("SELECT username FROM app_user WHERE organisation_id = :id AND enabled ORDER BY username")
                .param("id", organisationId).query(String.class).list();
    }

    /** Where to write to someone: their name and email address, if the account is enabled. */
    public record Contact(String displayName, String email) {
    }

    public Optional<Contact> contact(String username) {
        return jdbc.sql("SELECT display_name, email FROM app_user WHERE username = :username AND enabled")
                .param("username", username).query(Contact.class).optional();
    }

    private Optional<Account> find(String username) {
        return jdbc.sql("""
                SELECT id, username, password_hash, enabled, organisation_id
                FROM app_user WHERE username = :username""")
                .param("username", username)
                .query(Account.class).optional();
    }

    private Set<Role> roles(long userId) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.sql("SELECT role FROM user_role WHERE user_id = :id").param("id", userId)
                .query(String.class).list().forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }
}
