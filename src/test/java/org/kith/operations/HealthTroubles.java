package org.kith.operations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;

import org.flowable.engine.RepositoryService;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the process health page shows, made on purpose: a failing job, an undelivered message, a sign-in lock. */
public final class HealthTroubles {

    /** The step of {@link #deployFailingProcess}'s process: an async job that calls a bean that does not exist. */
    public static final String FAILING_STEP = "Always fails";
    public static final String MISSING_BEAN = "kithHealthProbeMissingBean";

    /** Deploys a process named "Health probe" with key {@code processKey}; returns the deployment's id. */
    public static String deployFailingProcess(RepositoryService repository, String processKey) {
        String xml = """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:flowable="http://flowable.org/bpmn"
                             targetNamespace="http://kith.test/health">
                  <process id="%s" name="Health probe" isExecutable="true">
                    <startEvent id="start"/>
                    <sequenceFlow id="toFail" sourceRef="start" targetRef="alwaysFails"/>
                    <serviceTask id="alwaysFails" name="%s" flowable:async="true"
                                 flowable:expression="${%s.run()}"/>
                    <sequenceFlow id="toEnd" sourceRef="alwaysFails" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>""".formatted(processKey, FAILING_STEP, MISSING_BEAN);
        return repository.createDeployment().name("health probe").addString(processKey + ".bpmn20.xml", xml)
                .deploy().getId();
    }

    /** A message the relay gave up on after five tries; returns its id. */
    public static long undeliveredMessage(JdbcClient jdbc, Clock clock, String recipient) {
        jdbc.sql("""
                INSERT INTO notification (application_id, kind, recipient, created_at, subject, body, attempts,
                  last_error, failed_at, address)
                VALUES (NULL, 'ACCOUNT_TEST', :recipient, :now, 'Subject', 'Body', 5, '550 mailbox unavailable', :now,
                  'nobody@example.org')""")
                .param("recipient", recipient).param("now", LocalDateTime.now(clock)).update();
        return jdbc.sql("SELECT id FROM notification WHERE recipient = :r").param("r", recipient)
                .query(Long.class).single();
    }

    /** Locks a username out for 15 minutes, as ten wrong passwords would. */
    public static void lockOut(JdbcClient jdbc, Clock clock, String username) {
        try {
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(username.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)));
            jdbc.sql("""
                    INSERT INTO login_throttle (username_hash, failures, first_failure_at, locked_until)
                    VALUES (:hash, 0, :now, :until)""")
                    .param("hash", hash).param("now", LocalDateTime.now(clock))
                    .param("until", LocalDateTime.now(clock).plusMinutes(15)).update();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HealthTroubles() {
    }
}
