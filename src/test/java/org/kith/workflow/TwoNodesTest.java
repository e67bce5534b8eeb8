package org.kith.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngines;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.delegate.JavaDelegate;
import org.flowable.engine.impl.util.CommandContextUtil;
import org.flowable.spring.SpringProcessEngineConfiguration;
import org.flowable.spring.boot.EngineConfigurationConfigurer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.kith.KithApplication;
import org.kith.identity.Role;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Two Kith nodes, each a whole application on its own port with its own pool and its own running job executor,
 * on the test database: a session made on one is good on the other, and each async job runs once.
 */
@KithTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

    /** The nodes' executors take only jobs of this category, so jobs other tests left behind are not touched. */
    static final String JOB_CATEGORY = "two-nodes-test";
    static final Map<String, List<String>> RUNS_BY_PROCESS = new ConcurrentHashMap<>();

    @Autowired
    Environment environment;
    @Autowired
    ProcessEngine engine;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    TestData data;

    ConfigurableApplicationContext nodeA;
    ConfigurableApplicationContext nodeB;
    String deploymentId;

    @BeforeAll
    void startTwoNodes() {
        CompletableFuture<ConfigurableApplicationContext> a = CompletableFuture.supplyAsync(() -> startNode("node-a"));
        CompletableFuture<ConfigurableApplicationContext> b = CompletableFuture.supplyAsync(() -> startNode("node-b"));
        nodeA = a.join();
        nodeB = b.join();
    }

    @AfterAll
    void stopTwoNodes() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (deploymentId != null) {
            repository.deleteDeployment(deploymentId, true);
        }
        // the nodes' engines (named after the nodes) are gone; "default" stays with whichever context made it last
        assertThat(ProcessEngines.getProcessEngines()).as("engines registered after the nodes closed")
                .doesNotContainKeys("node-a", "node-b").containsKey(engine.getName());
    }

    @Test
    void aSessionMadeOnOneNodeIsGoodOnTheOtherUntilSignedOutOnEither() throws Exception {
        String username = "two-nodes-" + UUID.randomUUID().toString().substring(0, 8);
        data.person(username, null, Role.APPLICANT);
        // one cookie jar for both ports, as a browser sees one host behind a balancer
        CookieManager jar = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient browser = client(jar);

        HttpResponse<String> signedIn = post(browser, nodeA, "/sign-in", csrf(browser, nodeA, "/sign-in"),
                "username", username, "password", TestData.PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        assertThat(get(browser, nodeB, "/account").statusCode()).as("node B knows the session").isEqualTo(200);

        String sessionCookie = jar.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
                .findFirst().orElseThrow().toString();
        HttpResponse<String> signedOut = post(browser, nodeB, "/sign-out", csrf(browser, nodeB, "/account"));
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).contains("/sign-in?signedOut");

        // the old cookie, kept by hand: the session is gone from the database, not just from the browser
        HttpResponse<String> afterwards = client(null).send(HttpRequest.newBuilder(uri(nodeA, "/account"))
                .header("Accept", "text/html").header("Cookie", sessionCookie).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(afterwards.statusCode()).as("node A no longer knows it").isEqualTo(302);
        assertThat(afterwards.headers().firstValue("Location").orElseThrow()).contains("/sign-in");
    }

    @Test
    void eachAsyncJobRunsOnceAcrossBothNodes() throws Exception {
        String lockOwnerA = lockOwner(nodeA);
        String lockOwnerB = lockOwner(nodeB);
        assertThat(lockOwnerA).isNotEqualTo(lockOwnerB).startsWith(WorkflowConfig.nodeName() + "-");
        deploymentId = repository.createDeployment().name("two nodes test")
                .addString("twoNodesJob.bpmn20.xml", TWO_NODES_JOB).deploy().getId();

        List<String> processes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            processes.add(runtime.startProcessInstanceByKey("twoNodesJob").getId());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (runtime.createProcessInstanceQuery().processDefinitionKey("twoNodesJob").count() > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("twoNodesJob").count())
                .as("every job ran and its process ended").isZero();
        assertThat(RUNS_BY_PROCESS.keySet()).containsExactlyInAnyOrderElementsOf(processes);
        List<String> owners = RUNS_BY_PROCESS.values().stream().peek(runs -> assertThat(runs).hasSize(1))
                .map(runs -> runs.get(0)).toList();
        // which node takes a job is up to whichever holds the acquire lock; one node may take them all
        assertThat(owners).isSubsetOf(lockOwnerA, lockOwnerB);
    }

    private ConfigurableApplicationContext startNode(String name) {
        // command-line arguments outrank the profiles' files, which switch the executor off for the shared context
        return new SpringApplicationBuilder(KithApplication.class, NodeEngine.class)
                .profiles(environment.getActiveProfiles())
                .properties("kith.test.node-name=" + name)
                .run("--server.port=0",
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                        "--spring.datasource.password=" + environment.getProperty("spring.datasource.password", ""),
                        "--spring.datasource.hikari.maximum-pool-size=4",
                        "--flowable.async-executor-activate=true",
                        "--flowable.process.async.executor.default-async-job-acquire-wait-time=PT0.1S",
                        "--flowable.process.async.executor.async-jobs-global-lock-poll-rate=PT0.05S",
                        // other tests hold locks that expire on purpose: these nodes leave them alone
                        "--flowable.process.async.executor.reset-expired-job-enabled=false",
                        "--kith.demo-data.enabled=false",
                        "--kith.scheduling.enabled=false");
    }

    /** What a second node's engine needs in one JVM beside the shared context's engine. */
    static class NodeEngine {

        @Bean
        EngineConfigurationConfigurer<SpringProcessEngineConfiguration> nodeEngineNameAndJobs(Environment environment) {
            return engine -> {
                // engines register by name in a static map; the shared context's "default" must survive our close
                engine.setEngineName(environment.getProperty("kith.test.node-name"));
                engine.addEnabledJobCategory(JOB_CATEGORY);
            };
        }
    }

    /** The one step the nodes run: records which node ran it for which process. */
    public static class RecordRun implements JavaDelegate {

        @Override
        public void execute(DelegateExecution execution) {
            String owner = CommandContextUtil.getProcessEngineConfiguration().getAsyncExecutor().getLockOwner();
            RUNS_BY_PROCESS.computeIfAbsent(execution.getProcessInstanceId(), id -> new CopyOnWriteArrayList<>())
                    .add(owner);
            try {
                Thread.sleep(20); // long enough that one node cannot take every job before the other polls
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final String TWO_NODES_JOB = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:flowable="http://flowable.org/bpmn" targetNamespace="http://kith.org/test">
              <process id="twoNodesJob">
                <startEvent id="start"/>
                <sequenceFlow id="toRecord" sourceRef="start" targetRef="recordRun"/>
                <serviceTask id="recordRun" flowable:async="true"
                             flowable:class="org.kith.workflow.TwoNodesTest$RecordRun">
                  <extensionElements><flowable:jobCategory>%s</flowable:jobCategory></extensionElements>
                </serviceTask>
                <sequenceFlow id="toEnd" sourceRef="recordRun" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>""".formatted(JOB_CATEGORY);

    private static String lockOwner(ConfigurableApplicationContext node) {
        return node.getBean(ProcessEngine.class).getProcessEngineConfiguration().getAsyncExecutor().getLockOwner();
    }

    private static HttpClient client(CookieManager jar) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5));
        return (jar == null ? builder : builder.cookieHandler(jar)).build();
    }

    private static URI uri(ConfigurableApplicationContext node, String path) {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> get(HttpClient browser, ConfigurableApplicationContext node, String path)
            throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(node, path)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(HttpClient browser, ConfigurableApplicationContext node, String page) throws Exception {
        HttpResponse<String> response = get(browser, node, page);
        assertThat(response.statusCode()).as(page).isEqualTo(200);
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).as("a _csrf field on %s", page).isTrue();
        return token.group(1);
    }

    private static HttpResponse<String> post(HttpClient browser, ConfigurableApplicationContext node, String path,
            String csrf, String... fields) throws Exception {
        StringBuilder form = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.append('&').append(fields[i]).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return browser.send(HttpRequest.newBuilder(uri(node, path))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
