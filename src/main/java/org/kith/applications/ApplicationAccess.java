package org.kith.applications;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;

import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.kith.web.NotFoundException;
import org.kith.web.Paging;
import org.kith.workflow.TaskInvolvement;
import org.springframework.stereotype.Component;

/**
 * Who may read an application. Applicants: their own organisation's. Staff, past the draft stage, only through
 * their work on it: an admin all; a fund manager in the funds they manage; a funder in the funds linked to them;
 * an assessor (or anyone else on staff) where they hold, held or may claim one of its tasks. A veto (a declared
 * conflict of interest) hides an application for good. Anything else is "not found", so nothing leaks about it.
 */
@Component
public class ApplicationAccess {

    private final Applications applications;
    private final List<AccessVeto> vetoes;
    private final TaskInvolvement involvement;

    ApplicationAccess(Applications applications, List<AccessVeto> vetoes, TaskInvolvement involvement) {
        this.applications = applications;
        this.vetoes = vetoes;
        this.involvement = involvement;
    }

    public Application readable(CurrentUser user, long applicationId) {
        return applications.find(applicationId)
                .filter(a -> readableOf(user, List.of(a)).containsKey(a.id()))
                .orElseThrow(() -> notFound(applicationId));
    }

    /** Whether this person sees the assessors, their scores and recommendations: who decides, and admins. */
    public static boolean seesAssessments(CurrentUser user, Application application) {
        return user.has(Role.ADMIN) || user.managesFund(application.fundId());
    }

    /** One page of what this person may read, newest first; {@code more} when the next page may hold more. */
    public record ReadablePage(List<Application> applications, boolean more) {
    }

    public ReadablePage readablePage(CurrentUser user, Long fundId, ApplicationStatus status, Paging paging) {
        if (!user.isStaff() && user.organisationId() == null) {
            return new ReadablePage(List.of(), false);
        }
        List<Application> candidates = applications.page(user.isStaff() ? null : user.organisationId(), fundId,
                status, paging.offset(), paging.size());
        Map<Long, Application> readable = readableOf(user, candidates);
        return new ReadablePage(candidates.stream().filter(a -> readable.containsKey(a.id())).toList(),
                candidates.size() == paging.size());
    }

    /** Of these applications, the ones this person may read, by id. */
    public Map<Long, Application> readableAmong(CurrentUser user, Collection<Long> ids) {
        return readableOf(user, applications.findAll(ids));
    }

    private Map<Long, Application> readableOf(CurrentUser user, List<Application> candidates) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Set<Long> hidden = hiddenFrom(user);
        List<Application> visible = candidates.stream().filter(a -> !hidden.contains(a.id())).toList();
        Map<Long, Application> readable = new HashMap<>();
        List<Application> throughWork = new ArrayList<>();
        for (Application a : visible) {
            if (ownGroups(user, a) || (a.status() != ApplicationStatus.DRAFT && throughFund(user, a))) {
                readable.put(a.id(), a);
            } else if (a.status() != ApplicationStatus.DRAFT && user.isStaff() && a.processInstanceId() != null) {
                throughWork.add(a);
            }
        }
        List<String> groups = staffGroups(user);
        if (!throughWork.isEmpty()) {
            Set<String> involved = involvement.involving(user.username(), groups,
                    throughWork.stream().map(Application::processInstanceId).toList());
            throughWork.stream().filter(a -> involved.contains(a.processInstanceId()))
                    .forEach(a -> readable.put(a.id(), a));
        }
        return readable;
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

    private static boolean ownGroups(CurrentUser user, Application application) {
        return user.organisationId() != null && user.has(Role.APPLICANT)
                && application.organisationId() == user.organisationId();
    }

    private static boolean throughFund(CurrentUser user, Application application) {
        return user.isStaff() && user.seesFund(application.fundId());
    }

    /** The candidate groups of staff work; an applicant's own group is covered by {@link #ownGroups}. */
    private static List<String> staffGroups(CurrentUser user) {
        return user.candidateGroups().stream()
                .filter(g -> g.equals(CurrentUser.ASSESSORS) || g.equals(CurrentUser.FUND_MANAGERS)).toList();
    }

    private Set<Long> hiddenFrom(CurrentUser user) {
        Set<Long> hidden = new HashSet<>();
        vetoes.forEach(v -> hidden.addAll(v.hiddenFrom(user)));
        return hidden;
    }
}
