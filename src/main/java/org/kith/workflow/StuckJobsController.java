package org.kith.workflow;

import java.util.Date;
import java.util.List;

import org.flowable.engine.ManagementService;
import org.flowable.job.api.Job;
import org.kith.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** For admins: jobs that failed every retry (dead letters), and a way to try one again. */
@RestController
class StuckJobsController {

    record StuckJob(String id, String processInstanceId, String elementId, String elementName, Date created,
            String error) {
    }

    private final ManagementService management;

    StuckJobsController(ManagementService management) {
        this.management = management;
    }

    @GetMapping("/api/admin/stuck-jobs")
    List<StuckJob> list() {
        return management.createDeadLetterJobQuery().orderByJobCreateTime().desc().listPage(0, 200).stream()
                .map(this::view).toList();
    }

    @PostMapping("/api/admin/stuck-jobs/{id}/retry")
    StuckJob retry(@PathVariable String id) {
        Job job = management.createDeadLetterJobQuery().jobId(id).singleResult();
        if (job == null) {
            throw new NotFoundException("There is no stuck job " + id + ".");
        }
        management.moveDeadLetterJobToExecutableJob(id, 3);
        return view(job);
    }

    private StuckJob view(Job job) {
        return new StuckJob(job.getId(), job.getProcessInstanceId(), job.getElementId(), job.getElementName(),
                job.getCreateTime(), job.getExceptionMessage());
    }
}
