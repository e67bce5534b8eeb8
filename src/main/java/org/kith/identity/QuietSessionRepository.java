package org.kith.identity;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sessions live in the database (SPRING_SESSION), and Spring Session writes a session back after every request
 * because its last-access time moved. This repository writes it back only when something in it changed (an
 * attribute, the timeout, its id at sign-in) or when the stored last access is older than
 * {@code kith.session.touch-interval} (a minute): a signed-in person's API calls and page views cost one read
 * each, not a read and a write. The price: an idle session may end up to that interval before its timeout.
 */
final class QuietSessionRepository implements FindByIndexNameSessionRepository<QuietSessionRepository.QuietSession> {

    /**
     * Wraps the repository Spring Boot makes (its settings and customizers kept), so the session filter and
     * {@link AccountSecurity} both go through this one.
     */
    @Configuration(proxyBeanMethods = false)
    static class Config {

        @Bean
        static BeanPostProcessor quietSessions(Environment environment) {
            Duration touchInterval = environment.getProperty("kith.session.touch-interval", Duration.class,
                    Duration.ofMinutes(1));
            return new BeanPostProcessor() {
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"}) // its session class is package-private
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof JdbcIndexedSessionRepository sessions
                            ? new QuietSessionRepository((FindByIndexNameSessionRepository) sessions, touchInterval)
                            : bean;
                }
            };
        }

        /**
         * Spring Session saves a session when the response is committed and again when the request ends, and
         * between the two it forgets the session it read, so the second save starts by reading it again: one more
         * statement on every request whose response was flushed. This filter, first inside Spring Session's,
         * marks where a request starts, so that re-read is answered from the session just saved.
         */
        @Bean
        FilterRegistrationBean<OncePerRequestFilter> sessionReadOnce() {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                    new OncePerRequestFilter() {
                        @Override
                        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                FilterChain chain) throws ServletException, IOException {
                            JUST_SAVED.remove();
                            chain.doFilter(request, response);
                        }

                        // an async dispatch resumes a request on another thread, whose last request is not this one
                        @Override
                        protected boolean shouldNotFilterAsyncDispatch() {
                            return false;
                        }
                    });
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
            registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
            return registration;
        }
    }

    /** The session this thread's request saved last; cleared when the next request starts. */
    private static final ThreadLocal<QuietSession> JUST_SAVED = new ThreadLocal<>();

    private final FindByIndexNameSessionRepository<Session> sessions;
    private final Duration touchInterval;

    QuietSessionRepository(FindByIndexNameSessionRepository<Session> sessions, Duration touchInterval) {
        this.sessions = sessions;
        this.touchInterval = touchInterval;
    }

    @Override
    public QuietSession createSession() {
        QuietSession created = new QuietSession(sessions.createSession(), null);
        created.changed = true;
        return created;
    }

    @Override
    public void save(QuietSession session) {
        if (session.changed || session.storedAccess == null
                || Duration.between(session.storedAccess, session.getLastAccessedTime()).compareTo(touchInterval) >= 0) {
            sessions.save(session.delegate);
            session.changed = false;
            session.storedAccess = session.getLastAccessedTime();
        }
        JUST_SAVED.set(session);
    }

    @Override
    public QuietSession findById(String id) {
        QuietSession saved = JUST_SAVED.get();
        if (saved != null && saved.getId().equals(id)) {
            return saved;
        }
        Session found = sessions.findById(id);
        return found == null ? null : new QuietSession(found, found.getLastAccessedTime());
    }

    @Override
    public void deleteById(String id) {
        JUST_SAVED.remove();
        sessions.deleteById(id);
    }

    @Override
    public Map<String, QuietSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        return sessions.findByIndexNameAndIndexValue(indexName, indexValue).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> new QuietSession(e.getValue(), e.getValue().getLastAccessedTime())));
    }

    /** A stored session that remembers whether anything but its last-access time changed. */
    static final class QuietSession implements Session {

        private final Session delegate;
        private Instant storedAccess;
        private boolean changed;

        QuietSession(Session delegate, Instant storedAccess) {
            this.delegate = delegate;
            this.storedAccess = storedAccess;
        }

        @Override
        public String getId() {
            return delegate.getId();
        }

        @Override
        public String changeSessionId() {
            changed = true;
            return delegate.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return delegate.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return delegate.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            changed = true;
            delegate.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            changed = true;
            delegate.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return delegate.getCreationTime();
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            delegate.setLastAccessedTime(lastAccessedTime);
        }

        @Override
        public Instant getLastAccessedTime() {
            return delegate.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            changed = true;
            delegate.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return delegate.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return delegate.isExpired();
        }
    }
}
