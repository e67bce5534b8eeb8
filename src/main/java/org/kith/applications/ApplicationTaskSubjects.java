package org.kith.applications;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.kith.identity.CurrentUser;
import org.kith.web.NotFoundException;
import org.kith.workflow.TaskSubjects;
import org.springframework.stereotype.Component;

/** Tells the task service which applications a person may see, and locks one while a task on it moves. */
@Component
class ApplicationTaskSubjects implements TaskSubjects {

    private final ApplicationAccess access;
    private final Applications applications;

    ApplicationTaskSubjects(ApplicationAccess access, Applications applications) {
        this.access = access;
        this.applications = applications;
    }

    @Override
    public Optional<Subject> readable(CurrentUser user, long applicationId) {
        try {
            return Optional.of(subject(access.readable(user, applicationId)));
        } catch (NotFoundException hidden) {
            return Optional.empty();
        }
    }

    @Override
    public Map<Long, Subject> readableAmong(CurrentUser user, Collection<Long> applicationIds) {
        return access.readableAmong(user, applicationIds).values().stream()
                .collect(Collectors.toMap(Application::id, ApplicationTaskSubjects::subject));
    }

    @Override
    public void lock(long applicationId) {
        applications.lockStatus(applicationId);
    }

    private static Subject subject(Application application) {
        return new Subject(application.id(), application.reference());
    }
}
