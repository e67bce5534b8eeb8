package org.kith.operations;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.FlowNode;
import org.flowable.bpmn.model.Gateway;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.SubProcess;
import org.flowable.engine.ManagementService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.job.api.Job;
import org.kith.web.Rows;
import org.kith.workflow.ProcessKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the engine is doing, read for the admin: how many applications wait at each step of the grant-application
 * process, the jobs that failed (waiting to be tried again) or were parked after every try failed (dead letters),
 * and the process versions deployed with how many instances run on each. Retrying a job puts it back in the
 * async executor's queue.
 */
@Component
class ProcessHealth {

    static final int LIMIT = 200;

    /** A step of the process and how many applications are at it now. */
    record Step(String activityId, String name, long applications) {
    }

    /**
     * A failed or parked job. {@code applicationId} is the process's business key (the application's id, also for a
     * variation), null for a process without one.
     */
    record JobRow(String id, String processKey, String processInstanceId, Long applicationId, String reference,
            String step, int retries, String error, LocalDateTime created, LocalDateTime due, boolean waiting) {
    }

    record Definition(String id, String key, String name, int version, LocalDateTime deployedAt, long running) {
    }

    private record Count(String id, long n) {
    }

    private record Subject(String processInstanceId, String businessKey) {
    }

    private static final Set<Class<?>> NOT_A_STEP = Set.of(BoundaryEvent.class, SubProcess.class, StartEvent.class);

    private final JdbcClient jdbc;
    private final ManagementService management;
    private final RepositoryService repository;

    ProcessHealth(JdbcClient jdbc, ManagementService management, RepositoryService repository) {
        this.jdbc = jdbc;
        this.management = management;
        this.repository = repository;
    }

    /**
     * Applications per step, in the order of the process model. An application can be at two steps at once
     * (payments and the end-of-grant report run side by side), and is counted at each.
     */
    List<Step> steps() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                SELECT e.ACT_ID_ AS id, COUNT(DISTINCT e.PROC_INST_ID_) AS n
                FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_
                WHERE d.KEY_ = :key AND e.ACT_ID_ IS NOT NULL AND e.ID_ <> e.PROC_INST_ID_
                GROUP BY e.ACT_ID_""")
                .param("key", ProcessKeys.GRANT_APPLICATION).query(Rows.of(Count.class)).list()
                .forEach(c -> counts.put(c.id(), c.n()));
        if (counts.isEmpty()) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        Map<String, FlowNode> nodes = nodes(ProcessKeys.GRANT_APPLICATION);
        for (FlowNode node : nodes.values()) {
            Long count = counts.remove(node.getId());
            if (count != null && isStep(node)) {
                steps.add(new Step(node.getId(), node.getName() == null ? node.getId() : node.getName(), count));
            }
        }
        // activities of older versions that the newest model no longer has
        counts.entrySet().stream().filter(e -> !nodes.containsKey(e.getKey())).sorted(Map.Entry.comparingByKey())
                .forEach(e -> steps.add(new Step(e.getKey(), e.getKey(), e.getValue())));
        return steps;
    }

    long runningApplications() {
        return jdbc.sql("""
                SELECT COUNT(*) FROM ACT_RU_EXECUTION e JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_
                WHERE d.KEY_ = :key AND e.ID_ = e.PROC_INST_ID_""")
                .param("key", ProcessKeys.GRANT_APPLICATION).query(Long.class).single();
    }

    /** Jobs that failed and will be tried again: waiting for their next try, or queued to run. */
    List<JobRow> failedJobs() {
        List<Job> jobs = new ArrayList<>(management.createTimerJobQuery().withException().orderByJobCreateTime().desc()
                .listPage(0, LIMIT));
        List<Job> queued = management.createJobQuery().withException().orderByJobCreateTime().desc()
                .listPage(0, LIMIT);
        Set<String> waiting = jobs.stream().map(Job::getId).collect(Collectors.toSet());
        jobs.addAll(queued);
        return rows(jobs, waiting);
    }

    /** Jobs parked after every try failed: they run again only when someone retries them. */
    List<JobRow> deadLetters() {
        return rows(management.createDeadLetterJobQuery().orderByJobCreateTime().desc().listPage(0, LIMIT), Set.of());
    }

    List<Definition> definitions() {
        Map<String, Long> running = new HashMap<>();
        jdbc.sql("SELECT PROC_DEF_ID_ AS id, COUNT(*) AS n FROM ACT_RU_EXECUTION WHERE ID_ = PROC_INST_ID_"
                        + " GROUP BY PROC_DEF_ID_")
                .query(Rows.of(Count.class)).list().forEach(c -> running.put(c.id(), c.n()));
        Map<String, Deployment> deployments = repository.createDeploymentQuery().list().stream()
                .collect(Collectors.toMap(Deployment::getId, Function.identity()));
        return repository.createProcessDefinitionQuery().list().stream()
                .sorted(Comparator.comparing(ProcessDefinition::getKey)
                        .thenComparing(ProcessDefinition::getVersion, Comparator.reverseOrder()))
                .map(d -> new Definition(d.getId(), d.getKey(), d.getName() == null ? d.getKey() : d.getName(),
                        d.getVersion(), Optional.ofNullable(deployments.get(d.getDeploymentId()))
                                .map(Deployment::getDeploymentTime).map(ProcessHealth::utc).orElse(null),
                        running.getOrDefault(d.getId(), 0L)))
                .toList();
    }

    /**
     * Tries a failed job now: one waiting for its next try is moved to the queue; one already queued gets its
     * tries back. Empty when there is no such failed job (it ran, or someone else retried it).
     */
    Optional<JobRow> retryFailed(String jobId) {
        Job timer = management.createTimerJobQuery().jobId(jobId).withException().singleResult();
        if (timer != null) {
            if (timer.getRetries() < 1) {
                management.setTimerJobRetries(jobId, 1);
            }
            management.moveTimerToExecutableJob(jobId);
            return Optional.of(rows(List.of(timer), Set.of(jobId)).get(0));
        }
        Job queued = management.createJobQuery().jobId(jobId).withException().singleResult();
        if (queued != null) {
            management.setJobRetries(jobId, Math.max(queued.getRetries(), 3));
            return Optional.of(rows(List.of(queued), Set.of()).get(0));
        }
        return Optional.empty();
    }

    /** Moves a parked job back to the queue with three tries; empty when there is no such dead letter. */
    Optional<JobRow> retryDeadLetter(String jobId) {
        Job job = management.createDeadLetterJobQuery().jobId(jobId).singleResult();
        if (job == null) {
            return Optional.empty();
        }
        management.moveDeadLetterJobToExecutableJob(jobId, 3);
        return Optional.of(rows(List.of(job), Set.of()).get(0));
    }

    private List<JobRow> rows(List<Job> jobs, Set<String> waiting) {
        Map<String, String> keys = repository.createProcessDefinitionQuery().list().stream()
                .collect(Collectors.toMap(ProcessDefinition::getId, ProcessDefinition::getKey));
        Map<String, Long> applications = applications(jobs.stream().map(Job::getProcessInstanceId)
                .filter(id -> id != null).collect(Collectors.toSet()));
        Map<Long, String> references = references(applications.values());
        return jobs.stream().map(job -> {
            Long applicationId = job.getProcessInstanceId() == null ? null : applications.get(job.getProcessInstanceId());
            return new JobRow(job.getId(), keys.getOrDefault(job.getProcessDefinitionId(), ""),
                    job.getProcessInstanceId(), applicationId, applicationId == null ? null : references.get(applicationId),
                    job.getElementName() != null ? job.getElementName() : job.getElementId(), job.getRetries(),
                    shorten(job.getExceptionMessage()), utc(job.getCreateTime()), utc(job.getDuedate()),
                    waiting.contains(job.getId()));
        }).toList();
    }

    /** Process instance id to application id, from the business key. */
    private Map<String, Long> applications(Set<String> processInstanceIds) {
        if (processInstanceIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> found = new HashMap<>();
        jdbc.sql("SELECT ID_ AS process_instance_id, BUSINESS_KEY_ AS business_key FROM ACT_RU_EXECUTION"
                        + " WHERE ID_ IN (:ids) AND BUSINESS_KEY_ IS NOT NULL")
                .param("ids", processInstanceIds).query(Rows.of(Subject.class)).list()
                .forEach(s -> {
                    if (s.businessKey().matches("\\d{1,18}")) {
                        found.put(s.processInstanceId(), Long.parseLong(s.businessKey()));
                    }
                });
        return found;
    }

    private Map<Long, String> references(Collection<Long> applicationIds) {
        if (applicationIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> found = new LinkedHashMap<>();
        jdbc.sql("SELECT id, reference FROM application WHERE id IN (:ids) AND reference IS NOT NULL")
                .param("ids", Set.copyOf(applicationIds))
                .query((rs, row) -> Map.entry(rs.getLong("id"), rs.getString("reference"))).list()
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    /** The flow nodes of the newest version of a process, in the model's order, inside sub-processes too. */
    private Map<String, FlowNode> nodes(String processKey) {
        ProcessDefinition newest = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
                .latestVersion().singleResult();
        Map<String, FlowNode> nodes = new LinkedHashMap<>();
        if (newest == null) {
            return nodes;
        }
        BpmnModel model = repository.getBpmnModel(newest.getId());
        model.getMainProcess().findFlowElementsOfType(FlowNode.class, true).forEach(n -> nodes.put(n.getId(), n));
        return nodes;
    }

    private static boolean isStep(FlowNode node) {
        return !(node instanceof Gateway) && NOT_A_STEP.stream().noneMatch(type -> type.isInstance(node));
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static LocalDateTime utc(Date date) {
        return date == null ? null : LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }
}
