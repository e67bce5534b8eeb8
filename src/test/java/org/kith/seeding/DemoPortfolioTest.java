package org.kith.seeding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.flowable.engine.ManagementService;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kith.applications.ApplicationService;
import org.kith.applications.ApplicationStatus;
import org.kith.applications.Applications;
import org.kith.funds.Fund;
import org.kith.funds.Funds;
import org.kith.identity.UserAccounts;
import org.kith.organisations.Organisations;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.kith.workflow.WorkflowTasks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The embedded default's demo portfolio (seeds/portfolio.json) walks through the real lifecycle to the stage each
 * application names, moved back in time, into the dashboards' read model; a second start adds nothing. The seed
 * file is the real one, pointed at fresh funds and with fresh group names so it touches no other test's data.
 */
@KithTest
class DemoPortfolioTest {

    @Autowired
    ResourceLoader resources;
    @Autowired
    ObjectMapper json;
    @Autowired
    Funds funds;
    @Autowired
    Organisations organisations;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ApplicationService service;
    @Autowired
    Applications applications;
    @Autowired
    WorkflowTasks tasks;
    @Autowired
    TaskService engineTasks;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    ProcessEngineConfiguration engine;
    @Autowired
    TestData data;

    @Test
    void everyApplicationReachesItsStageInThePast(@TempDir Path folder) throws Exception {
        Fund loneliness = data.fund();
        Fund places = data.fund(f -> f);
        String seed = new String(resources.getResource("classpath:seeds/portfolio.json").getInputStream()
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String suffix = " " + UUID.randomUUID().toString().substring(0, 6);
        String mine = seed.replace("\"social-isolation-and-loneliness\"", "\"" + loneliness.slug() + "\"")
                .replace("\"community-places-small-grants\"", "\"" + places.slug() + "\"")
                .replaceAll("\"(name|group)\": \"([^\"]+)\"", "\"$1\": \"$2" + suffix + "\"")
                .replaceAll("\"orgIdentifier\": \"[^\"]+\"", "\"orgIdentifier\": null");
        Files.writeString(folder.resolve("portfolio.json"), mine);
        DemoPortfolio portfolio = new DemoPortfolio(engine, folder.toUri().toString(), resources, json, funds,
                organisations, accounts, service, applications, tasks, engineTasks, management, jdbc, events);

        List<Long> walked = portfolio.load();

        assertThat(walked).hasSize(10);
        Map<String, ApplicationStatus> statuses = walked.stream().collect(Collectors.toMap(
                id -> applications.get(id).title(), id -> applications.get(id).status()));
        assertThat(statuses).containsEntry("Tuesday workshop for older men", ApplicationStatus.FUNDED)
                .containsEntry("Monthly tea dance", ApplicationStatus.FUNDED)
                .containsEntry("Befriending by phone", ApplicationStatus.OFFERED)
                .containsEntry("Coffee mornings", ApplicationStatus.DECLINED)
                .containsEntry("Knit and natter", ApplicationStatus.AWAITING_DECISION)
                .containsEntry("Walking football for over-60s", ApplicationStatus.IN_ASSESSMENT);
        Long workshop = walked.get(0);
        assertThat(jdbc.sql("SELECT report_status FROM dashboard_application WHERE application_id = :id")
                .param("id", workshop).query(String.class).single()).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("SELECT decision_days FROM dashboard_application WHERE application_id = :id")
                .param("id", workshop).query(Integer.class).single()).isEqualTo(18);
        assertThat(jdbc.sql("SELECT minutes_to_submit FROM dashboard_application WHERE application_id = :id")
                .param("id", workshop).query(Integer.class).single()).isEqualTo(55);
        assertThat(applications.get(workshop).submittedAt().toLocalDate())
                .isEqualTo(java.time.LocalDate.now().minusDays(230));

        assertThat(portfolio.load()).as("loaded once").isEmpty();
    }
}
