package org.kith.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.flowable.engine.TaskService;
import org.flowable.task.api.Task;
import org.kith.applications.Application;
import org.kith.applications.Applications;
import org.kith.audit.AuditLog;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.CurrentUser;
import org.kith.web.InvalidInputException;
import org.kith.web.InvalidInputException.FieldError;
import org.kith.workflow.TaskFormHandler;
import org.kith.workflow.TaskKeys;
import org.springframework.stereotype.Component;

/**
 * assessApplication: declare a conflict (the task goes back to the pool and the application is hidden from
 * this assessor for good), or score every criterion of the fund and recommend.
 */
@Component
class AssessApplication implements TaskFormHandler<AssessmentForm> {

    private final Assessments assessments;
    private final Applications applications;
    private final Funds funds;
    private final AuditLog audit;
    private final TaskService tasks;

    AssessApplication(Assessments assessments, Applications applications, Funds funds, AuditLog audit,
            TaskService tasks) {
        this.assessments = assessments;
        this.applications = applications;
        this.funds = funds;
        this.audit = audit;
        this.tasks = tasks;
    }

    @Override
    public String taskKey() {
        return TaskKeys.ASSESS_APPLICATION;
    }

    @Override
    public Class<AssessmentForm> formType() {
        return AssessmentForm.class;
    }

    /**
     * Two assessments of one application must come from two different people: not an application this assessor
     * has scored, nor a second assessment of one they already hold.
     */
    @Override
    public Predicate<TaskContext> takeRule(CurrentUser user, Collection<TaskContext> candidates) {
        String me = user.username();
        Set<Long> scored = assessments.scoredBy(me,
                candidates.stream().map(TaskContext::applicationId).collect(Collectors.toSet()));
        Set<String> processes = candidates.stream().map(c -> c.task().getProcessInstanceId())
                .collect(Collectors.toSet());
        Map<String, List<String>> held = processes.isEmpty() ? Map.of() : tasks.createTaskQuery()
                .processInstanceIdIn(processes)
                .taskDefinitionKey(TaskKeys.ASSESS_APPLICATION)
                .taskAssignee(me).list().stream()
                .collect(Collectors.groupingBy(Task::getProcessInstanceId,
                        Collectors.mapping(Task::getId, Collectors.toList())));
        return candidate -> !scored.contains(candidate.applicationId())
                && held.getOrDefault(candidate.task().getProcessInstanceId(), List.of()).stream()
                        .allMatch(id -> id.equals(candidate.task().getId()));
    }

    @Override
    public Set<Long> applicationsNotTakeable(CurrentUser user, java.util.function.Supplier<Set<Long>> held) {
        if (!user.candidateGroups().contains(CurrentUser.ASSESSORS)) {
            return Set.of();
        }
        Set<Long> not = new java.util.HashSet<>(assessments.scoredBy(user.username()));
        not.addAll(held.get());
        return not;
    }

    @Override
    public Completion handle(TaskContext context, AssessmentForm form) {
        String assessor = context.user().username();
        if (form.conflictOfInterest()) {
            assessments.recordConflict(context.applicationId(), context.task().getId(), assessor, form.comment());
            audit.record(context.applicationId(), "CONFLICT_OF_INTEREST_DECLARED", null, null,
                    "The assessor stepped aside; the assessment went back to the pool.");
            return Completion.handBackToPool();
        }
        Application application = applications.get(context.applicationId());
        Fund fund = funds.get(application.fundId());
        Map<String, Integer> scores = form.scores() == null ? Map.of() : form.scores();
        List<FieldError> errors = new ArrayList<>();
        for (Fund.Criterion criterion : fund.criteria()) {
            Integer score = scores.get(criterion.key());
            if (score == null) {
                errors.add(new FieldError("scores." + criterion.key(), "Score " + criterion.label() + "."));
            } else if (score < 0 || score > criterion.maxScore()) {
                errors.add(new FieldError("scores." + criterion.key(),
                        "Give a score from 0 to " + criterion.maxScore() + "."));
            }
        }
        scores.keySet().stream()
                .filter(key -> fund.criteria().stream().noneMatch(c -> c.key().equals(key)))
                .forEach(key -> errors.add(new FieldError("scores." + key, "This fund has no such criterion.")));
        if (form.recommendation() == null) {
            errors.add(new FieldError("recommendation", "Choose a recommendation."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        BigDecimal weighted = weightedPercent(fund.criteria(), scores);
        assessments.recordScores(context.applicationId(), context.task().getId(), assessor, scores, weighted,
                form.comment(), form.recommendation());
        audit.record(context.applicationId(), "ASSESSMENT_RECORDED", null, null,
                "Weighted score " + weighted + "%, recommendation " + form.recommendation() + ".");
        return Completion.complete(Map.of());
    }

    /** Each criterion's share of its maximum, weighted, as a percentage. */
    static BigDecimal weightedPercent(List<Fund.Criterion> criteria, Map<String, Integer> scores) {
        BigDecimal total = BigDecimal.ZERO;
        int weights = 0;
        for (Fund.Criterion c : criteria) {
            total = total.add(BigDecimal.valueOf(scores.get(c.key()) * (long) c.weight())
                    .divide(BigDecimal.valueOf(c.maxScore()), 6, RoundingMode.HALF_UP));
            weights += c.weight();
        }
        return weights == 0 ? BigDecimal.ZERO
                : total.multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(weights), 2, RoundingMode.HALF_UP);
    }
}
