package org.kith.support;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.kith.identity.CurrentUser;
import org.kith.identity.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Staff pages as a signed-in person sees them, through MockMvc: GET and POST with the expected status. */
@Component
public class StaffRequests {

    private final ObjectProvider<MockMvc> mvcProvider;
    private final TestData data;

    /** MockMvc is there only in {@code @KithTest} contexts; browser tests have this bean too, and do not use it. */
    StaffRequests(ObjectProvider<MockMvc> mvc, TestData data) {
        this.mvcProvider = mvc;
        this.data = data;
    }

    public static RequestPostProcessor as(CurrentUser who) {
        return user(who.username()).roles(who.roles().stream().map(Role::name).toArray(String[]::new));
    }

    public CurrentUser withRole(Role role) {
        return data.person(role.name().toLowerCase() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8),
                null, role);
    }

    public String page(CurrentUser who, String path, int expected) throws Exception {
        return body(get(who, path, expected));
    }

    public MvcResult get(CurrentUser who, String path, int expected) throws Exception {
        return mvcProvider.getObject().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .with(as(who))).andExpect(status().is(expected)).andReturn();
    }

    public MvcResult post(CurrentUser who, String path, int expected, String... params) throws Exception {
        MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post(path).with(as(who)).with(csrf());
        for (int i = 0; i + 1 < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return mvcProvider.getObject().perform(request).andExpect(status().is(expected)).andReturn();
    }

    /** The status a GET answers, whatever it is. */
    public int statusOf(CurrentUser who, String path) throws Exception {
        return mvcProvider.getObject().perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                .with(as(who))).andReturn().getResponse().getStatus();
    }

    /** The status a POST answers, whatever it is. */
    public int postStatus(CurrentUser who, String path, String... params) throws Exception {
        MockHttpServletRequestBuilder request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post(path).with(as(who)).with(csrf());
        for (int i = 0; i + 1 < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        return mvcProvider.getObject().perform(request).andReturn().getResponse().getStatus();
    }

    public static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

}
