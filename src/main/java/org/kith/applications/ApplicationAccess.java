package org.kith.applications;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Set;

import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.NotFoundException;
import org.kith.web.Paging;
import org.springframework.stereotype.Component;

/**
 * Who may read an application. Applicants: their own organisation's. Staff: anything past the draft
 * stage, less what a veto hides. Anything else is "not found", so nothing leaks about it.
 */
@Component
public class ApplicationAccess {

    private final Applications applications;
    private final List<AccessVeto> vetoes;

    ApplicationAccess(Applications applications, List<AccessVeto> vetoes) {
        this.applications = applications;
        this.vetoes = vetoes;
    }

    public Application readable(CurrentUser user, long applicationId) {
        return applications.find(applicationId)
                .filter(a -> mayRead(user, a, hiddenFrom(user)))
                .orElseThrow(() -> notFound(applicationId));
    }

    /** One page of what this person may read, newest first; {@code more} when the next page may hold more. */
    public record ReadablePage(List<Application> applications, boolean more) {
    }

    public ReadablePage readablePage(CurrentUser user, Long fundId, ApplicationStatus status, Paging paging) {
        if (!user.isStaff() && user.organisationId() == null) {
            return new ReadablePage(List.of(), false);
        }
        Set<Long> hidden = hiddenFrom(user);
        List<Application> candidates = applications.page(user.isStaff() ? null : user.organisationId(), fundId,
                status, paging.offset(), paging.size());
        return new ReadablePage(candidates.stream().filter(a -> mayRead(user, a, hidden)).toList(),
                candidates.size() == paging.size());
    }

    /** Of these applications, the ones this person may read, by id. */
    public Map<Long, Application> readableAmong(CurrentUser user, Collection<Long> ids) {
        Set<Long> hidden = hiddenFrom(user);
        return applications.findAll(ids).stream().filter(a -> mayRead(user, a, hidden))
                .collect(Collectors.toMap(Application::id, Function.identity()));
    }

    public Application ownedBy(CurrentUser user, long applicationId) {
        return applications.find(applicationId)
                .filter(a -> user.has(Role.APPLICANT) && user.organisationId() != null
                        && a.organisationId() == user.organisationId())
                .orElseThrow(() -> notFound(applicationId));
    }

    public static NotFoundException notFound(long applicationId) {
        return new NotFoundException("There is no application " + applicationId + " that you can see.");
    }

    private boolean mayRead(CurrentUser user, Application application, Set<Long> hidden) {
        if (hidden.contains(application.id())) {
            return false;
        }
        if (user.organisationId() != null && user.has(Role.APPLICANT)
                && application.organisationId() == user.organisationId()) {
            return true;
        }
        return user.isStaff() && application.status() != ApplicationStatus.DRAFT;
    }

    private Set<Long> hiddenFrom(CurrentUser user) {
        Set<Long> hidden = new HashSet<>();
        vetoes.forEach(v -> hidden.addAll(v.hiddenFrom(user)));
        return hidden;
    }
}
