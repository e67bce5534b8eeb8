package org.kith.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The service navigation in the layout: the links for the signed-in person's roles ({@code @navigation}). */
@Component("navigation")
public class Navigation {

    /** {@code label} is a message key; {@code roles} the authorities (any of) that see it, empty for anyone. */
    record Link(String href, String label, Set<String> roles, boolean signedInOnly) {

        Link(String href, String label, String role, boolean signedInOnly) {
            this(href, label, role == null ? Set.of() : Set.of(role), signedInOnly);
        }
    }

    public record Item(String href, String label, boolean active) {
    }

    private static final Set<String> STAFF = Set.of("ROLE_ASSESSOR", "ROLE_FUND_MANAGER", "ROLE_FUNDER", "ROLE_ADMIN");

    private static final List<Link> LINKS = List.of(
            new Link("/", "nav.funds", Set.of(), false),
            new Link("/applications", "nav.applications", "ROLE_APPLICANT", true),
            new Link("/group", "nav.group", "ROLE_APPLICANT", true),
            new Link("/staff", "nav.work", STAFF, true),
            new Link("/staff/tasks", "nav.tasks", Set.of("ROLE_ASSESSOR", "ROLE_FUND_MANAGER"), true),
            new Link("/staff/decisions", "nav.decisions", "ROLE_FUND_MANAGER", true),
            new Link("/staff/payments", "nav.payments", "ROLE_FUND_MANAGER", true),
            new Link("/staff/dashboard", "nav.dashboards", Set.of("ROLE_FUNDER", "ROLE_FUND_MANAGER", "ROLE_ADMIN"),
                    true),
            new Link("/staff/funds", "nav.staffFunds", Set.of("ROLE_FUND_MANAGER", "ROLE_ADMIN"), true),
            new Link("/staff/people", "nav.people", "ROLE_ADMIN", true),
            new Link("/staff/health", "nav.health", "ROLE_ADMIN", true),
            new Link("/account", "nav.account", Set.of(), true));


    public List<Item> items(Authentication authentication) {
        String path = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
                ? request.getRequest().getRequestURI() : null;
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
        Set<String> roles = signedIn
                ? authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet())
                : Set.of();
        return LINKS.stream()
                .filter(link -> !link.signedInOnly() || signedIn)
                .filter(link -> link.roles().isEmpty() || link.roles().stream().anyMatch(roles::contains))
                .filter(link -> !"/".equals(link.href()) || roles.stream().noneMatch(STAFF::contains))
                .map(link -> new Item(link.href(), link.label(), isActive(link.href(), path)))
                .toList();
    }

    /** A fund's decision queue and panel pack live under the fund's path but belong to Decisions. */
    private static final java.util.regex.Pattern FUND_DECISIONS =
            java.util.regex.Pattern.compile("/staff/funds/\\d+/(decisions|panel-pack\\.pdf)(/.*)?");

    private static boolean isActive(String href, String path) {
        if (path == null) {
            return false;
        }
        if (FUND_DECISIONS.matcher(path).matches()) {
            return "/staff/decisions".equals(href);
        }
        return "/".equals(href) ? path.equals("/") || path.startsWith("/funds")
                : "/staff".equals(href) ? path.equals(href) : path.equals(href) || path.startsWith(href + "/");
    }
}
