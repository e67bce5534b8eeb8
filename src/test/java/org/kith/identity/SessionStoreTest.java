package org.kith.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.kith.support.KithTest;
import org.kith.support.StatementCounter;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Sessions live in the database, so any node can serve any signed-in person. */
@KithTest
class SessionStoreTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;

    @Autowired
    StatementCounter statements;

    @Test
    void aSignedInSessionIsStoredInTheDatabase() throws Exception {
        CurrentUser person = data.charityApplicant();
        mvc.perform(formLogin("/sign-in").user(person.username()).password(TestData.PASSWORD)).andExpect(authenticated());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name")
                .param("name", person.username()).query(Integer.class).single()).isEqualTo(1);
    }

    /** Issue 9: a request that changed nothing in its session writes nothing back, for up to a minute. */
    @Test
    void aSessionIsWrittenBackOnlyWhenItChangedOrItsLastAccessIsAMinuteOld() throws Exception {
        CurrentUser person = data.charityApplicant();
        Cookie session = mvc.perform(formLogin("/sign-in").user(person.username()).password(TestData.PASSWORD))
                .andExpect(authenticated()).andReturn().getResponse().getCookie("SESSION");
        long signedInAt = lastAccess(person);

        var unchanged = statements.count(() -> perform(get("/api/applications").cookie(session)));
        assertThat(unchanged.sql()).as("statements of an API call riding on the session")
                .noneMatch(sql -> sql.toUpperCase().contains("UPDATE SPRING_SESSION"))
                .noneMatch(sql -> sql.toUpperCase().contains("INSERT INTO SPRING_SESSION"));
        assertThat(lastAccess(person)).isEqualTo(signedInAt);

        // stored a minute ago: this request moves it on, so an active person's session does not time out
        jdbc.sql("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - 61000 WHERE PRINCIPAL_NAME = :name")
                .param("name", person.username()).update();
        perform(get("/api/applications").cookie(session));
        assertThat(lastAccess(person)).isGreaterThanOrEqualTo(signedInAt);

        // a change inside the session is saved at once: signing out ends it for every node
        mvc.perform(post("/sign-out").cookie(session).with(csrf()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name")
                .param("name", person.username()).query(Integer.class).single()).isZero();
    }

    private MvcResult perform(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andExpect(status().isOk()).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long lastAccess(CurrentUser person) {
        return jdbc.sql("SELECT LAST_ACCESS_TIME FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name")
                .param("name", person.username()).query(Long.class).single();
    }
}
