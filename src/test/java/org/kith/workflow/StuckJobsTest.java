package org.kith.workflow;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.kith.support.KithTest;
import org.kith.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@KithTest
class StuckJobsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void onlyAnAdminSeesStuckJobs() throws Exception {
        mvc.perform(get("/api/admin/stuck-jobs").with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$").isArray());
        mvc.perform(get("/api/admin/stuck-jobs").with(httpBasic("manager1", TestData.PASSWORD)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/admin/stuck-jobs/no-such-job/retry").with(httpBasic("admin1", TestData.PASSWORD)))
                .andExpect(status().isNotFound());
    }
}
