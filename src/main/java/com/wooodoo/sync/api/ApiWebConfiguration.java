package com.wooodoo.sync.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration
public class ApiWebConfiguration {

    @Bean
    public FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(
            @Value("${wooodoo.api.max-body-bytes:65536}") int maxBodyBytes, ObjectMapper json) {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("wooodoo.api.max-body-bytes must be at least 1024, not " + maxBodyBytes);
        }
        FilterRegistrationBean<RequestBodyFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyFilter(maxBodyBytes, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
