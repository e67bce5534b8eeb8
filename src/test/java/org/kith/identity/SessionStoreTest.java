package org.kith.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;

import org.junit.jupiter.api.Test;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Sessions live in the database, so any node can serve any signed-in person. */
@KithTest
class SessionStoreTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    TestData data;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSignedInSessionIsStoredInTheDatabase() throws Exception {
        CurrentUser person = data.charityApplicant();
        mvc.perform(formLogin("/sign-in").user(person.username()).password(TestData.PASSWORD)).andExpect(authenticated());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM SPRING_SESSION WHERE PRINCIPAL_NAME = :name")
                .param("name", person.username()).query(Integer.class).single()).isEqualTo(1);
    }
}
