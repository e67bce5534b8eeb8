package org.kith.applications;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.web.JsonColumns;
import org.kith.web.NotFoundException;
import org.kith.workflow.TaskSubjects;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Tells the task service which applications a person may see, what its inbox shows of one, and locks one while a
 * task on it moves.
 */
@Component
class ApplicationTaskSubjects implements TaskSubjects {

    private final ApplicationAccess access;
    private final Applications applications;
    private final List<AccessVeto> vetoes;
    private final JdbcClient jdbc;
    private final JsonColumns json;

    ApplicationTaskSubjects(ApplicationAccess access, Applications applications, List<AccessVeto> vetoes,
            JdbcClient jdbc, JsonColumns json) {
        this.access = access;
        this.applications = applications;
        this.vetoes = vetoes;
        this.jdbc = jdbc;
        this.json = json;
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

    /** One statement: the read model asks once for every task it writes. */
    @Override
    public Optional<InboxFacts> facts(long applicationId) {
        return jdbc.sql("""
                SELECT a.id, a.fund_id, a.reference, o.name AS group_name, a.amount_requested, a.route,
                  a.submitted_at, f.time_limits
                FROM application a JOIN organisation o ON o.id = a.organisation_id JOIN fund f ON f.id = a.fund_id
                WHERE a.id = :id""")
                .param("id", applicationId)
                .query((rs, row) -> {
                    Fund.TimeLimits limits = json.read(rs.getString("time_limits"),
                            new TypeReference<Fund.TimeLimits>() { });
                    java.time.LocalDateTime submitted = rs.getObject("submitted_at", java.time.LocalDateTime.class);
                    return new InboxFacts(rs.getLong("id"), rs.getLong("fund_id"), rs.getString("reference"),
                            rs.getString("group_name"), rs.getBigDecimal("amount_requested"), rs.getString("route"),
                            submitted,
                            limits == null ? 0 : limits.decisionWeeks());
                })
                .optional();
    }

    @Override
    public Map<Long, String> allFundNames() {
        Map<Long, String> names = new java.util.HashMap<>();
        jdbc.sql("SELECT id, name FROM fund").query((java.sql.ResultSet rs) -> {
            names.put(rs.getLong("id"), rs.getString("name"));
        });
        return names;
    }

    @Override
    public Set<Long> hiddenFrom(CurrentUser user) {
        Set<Long> hidden = new HashSet<>();
        vetoes.forEach(v -> hidden.addAll(v.hiddenFrom(user)));
        return hidden;
    }

    @Override
    public void lock(long applicationId) {
        applications.lockStatus(applicationId);
    }

    private static Subject subject(Application application) {
        return new Subject(application.id(), application.reference());
    }
}
