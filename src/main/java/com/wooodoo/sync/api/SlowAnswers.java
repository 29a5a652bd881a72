package com.wooodoo.sync.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * An orchestrate call is answered asynchronously (platform-http); one that outlasts
 * {@code spring.mvc.async.request-timeout} (a resolution waiting for its organisation's rate
 * limit) is answered 503 while the action goes on in the service. The call is marked here, so
 * that the error answer ({@link JsonErrorController}) says so rather than that the service is
 * unavailable.
 */
@Configuration
public class SlowAnswers implements WebMvcConfigurer {

    /** Request attribute set on a call whose answer timed out. */
    static final String TIMED_OUT = SlowAnswers.class.getName() + ".timedOut";

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.registerDeferredResultInterceptors(new DeferredResultProcessingInterceptor() {
            @Override
            public <T> boolean handleTimeout(NativeWebRequest request, DeferredResult<T> deferredResult) {
                request.setAttribute(TIMED_OUT, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
                return true; // Spring then answers 503 through the error page
            }
        });
    }
}
