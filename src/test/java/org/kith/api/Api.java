package org.kith.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kith.funds.Fund;
import org.kith.identity.CurrentUser;
import org.kith.support.Journey;
import org.kith.support.TestData;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The HTTP API as a script would call it: HTTP Basic as a given person, JSON in and out. Plain class (not a
 * bean) so contexts without MockMvc are unaffected; each test class makes one from its injected MockMvc.
 */
final class Api {

    private final MockMvc mvc;
    private final ObjectMapper json;

    Api(MockMvc mvc, ObjectMapper json) {
        this.mvc = mvc;
        this.json = json;
    }

    /** One HTTP exchange, read once: status, headers and body at hand for assertions. */
    record Reply(MvcResult result, ObjectMapper json) {

        int status() {
            return result.getResponse().getStatus();
        }

        String text() {
            try {
                return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
            } catch (UnsupportedEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        JsonNode body() {
            try {
                return json.readTree(text());
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        String contentType() {
            return result.getResponse().getContentType();
        }

        String header(String name) {
            return result.getResponse().getHeader(name);
        }

        Reply expect(int expected) {
            assertThat(status()).as("HTTP status of %s %s, body %s", result.getRequest().getMethod(),
                    result.getRequest().getRequestURI(), text()).isEqualTo(expected);
            return this;
        }

        /** An RFC 9457 problem with this status, and never a stack trace. */
        Reply expectProblem(int expected) {
            expect(expected);
            assertThat(contentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            assertThat(body().path("status").asInt()).isEqualTo(expected);
            assertThat(body().path("title").asText()).isNotBlank();
            assertThat(text()).doesNotContain("at org.", "at java.", "Exception");
            return this;
        }

        /** The field names listed in the problem's {@code errors}. */
        List<String> errorFields() {
            List<String> fields = new ArrayList<>();
            body().path("errors").forEach(e -> {
                assertThat(e.path("message").asText()).as("message for %s", e).isNotBlank();
                fields.add(e.path("field").asText());
            });
            return fields;
        }
    }

    /** The ids in a list of applications (or anything with an id), in order. */
    static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.path("id").asLong()));
        return ids;
    }

    Reply call(CurrentUser user, HttpMethod method, String url, Object body) {
        return perform(request(user, method, url, body));
    }

    /** The request, for a test that adds headers of its own; HTTP Basic as {@code user} unless null. */
    MockHttpServletRequestBuilder request(CurrentUser user, HttpMethod method, String url, Object body) {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(method, url)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
        if (user != null) {
            request.with(httpBasic(user.username(), TestData.PASSWORD));
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON)
                    .content(body instanceof String raw ? raw : write(body));
        }
        return request;
    }

    Reply perform(MockHttpServletRequestBuilder request) {
        try {
            return new Reply(mvc.perform(request).andReturn(), json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Reply get(CurrentUser user, String url) {
        return call(user, HttpMethod.GET, url, null);
    }

    Reply post(CurrentUser user, String url, Object body) {
        return call(user, HttpMethod.POST, url, body);
    }

    Reply put(CurrentUser user, String url, Object body) {
        return call(user, HttpMethod.PUT, url, body);
    }

    String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    // --- applications ---

    /** A complete draft body for the loneliness fund (or a copy of it), ready to submit. */
    static Map<String, Object> draft(Fund fund, String title, String amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fundId", fund.id());
        body.put("title", title);
        body.put("summary", "A hot lunch and company every Tuesday");
        body.put("amountRequested", amount);
        body.put("answers", Journey.answers());
        return body;
    }

    long create(CurrentUser applicant, Map<String, Object> body) {
        return post(applicant, "/api/applications", body).expect(201).body().path("id").asLong();
    }

    long createAndSubmit(CurrentUser applicant, Fund fund, String title, String amount) {
        long id = create(applicant, draft(fund, title, amount));
        submit(applicant, id).expect(200);
        return id;
    }

    Reply application(CurrentUser user, long id) {
        return get(user, "/api/applications/" + id);
    }

    Reply submit(CurrentUser applicant, long id) {
        return post(applicant, "/api/applications/" + id + "/submit", null);
    }

    String status(CurrentUser user, long id) {
        return application(user, id).expect(200).body().path("status").asText();
    }

    // --- tasks ---

    /** The caller's inbox item of this kind for this application, or null if it is not in their inbox. */
    JsonNode inboxItem(CurrentUser user, long applicationId, String key) {
        for (JsonNode item : get(user, "/api/tasks").expect(200).body()) {
            if (item.path("applicationId").asLong() == applicationId && key.equals(item.path("key").asText())) {
                return item;
            }
        }
        return null;
    }

    String taskId(CurrentUser user, long applicationId, String key) {
        JsonNode item = inboxItem(user, applicationId, key);
        assertThat(item).as("%s's inbox has %s for application %s", user.username(), key, applicationId)
                .isNotNull();
        return item.path("id").asText();
    }

    Reply claim(CurrentUser user, String taskId) {
        return post(user, "/api/tasks/" + taskId + "/claim", null);
    }

    Reply complete(CurrentUser user, String taskId, Map<String, ?> form) {
        return post(user, "/api/tasks/" + taskId + "/complete", form);
    }

    /** Finds the task in the caller's inbox and completes it with the form; expects COMPLETED. */
    String completeFromInbox(CurrentUser user, long applicationId, String key, Map<String, ?> form) {
        String taskId = taskId(user, applicationId, key);
        JsonNode outcome = complete(user, taskId, form).expect(200).body();
        assertThat(outcome.path("outcome").asText()).isEqualTo("COMPLETED");
        assertThat(outcome.path("key").asText()).isEqualTo(key);
        return taskId;
    }
}
