package org.kith.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.web.ForbiddenException;
import org.kith.web.NotFoundException;
import org.springframework.beans.factory.annotation.Autowired;

/** Reading a task needs the same right as acting on it: assignee or candidate group, and sight of the application. */
@KithTest
class TaskReadingTest {

    @Autowired
    Journey journey;
    @Autowired
    TestData data;
    @Autowired
    WorkflowTasks tasks;

    @Test
    void theGroupReadsItsOwnTaskButNoOtherGroupNorAnotherRoleCan() {
        CurrentUser applicant = data.charityApplicant();
        long id = journey.offered(applicant, data.fund(), "3000");
        String taskId = journey.one(id, TaskKeys.ACCEPT_OFFER).getId();

        TaskView view = tasks.show(applicant, taskId);
        assertThat(view.key()).isEqualTo(TaskKeys.ACCEPT_OFFER);
        assertThat(view.applicationId()).isEqualTo(id);

        assertThatThrownBy(() -> tasks.show(data.charityApplicant(), taskId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> tasks.show(data.assessor(), taskId)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> tasks.show(applicant, "no-such-task")).isInstanceOf(NotFoundException.class);
    }
}
